namespace AgentLocator.Api.Integrations.Whisper;

/// <summary>
/// The local speech-to-text (whisper.cpp through Whisper.net), used when no OpenAI key is set. Bound from
/// <c>Whisper:*</c> (environment: <c>Whisper__ModelPath</c>).
/// </summary>
public sealed class WhisperOptions
{
    public const string SectionName = "Whisper";

    /// <summary>A multilingual ggml model file (ggml-tiny.bin, ggml-base.bin, …; never an English-only <c>.en</c> one).</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// How long start-up waits for the model to load before it gives up and runs without transcription. A large model on
    /// a slow disk takes seconds; a hung load must not hold the API's start.
    /// </summary>
    public int LoadTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// CPU threads for one transcription; 0 means all cores but one, so webhook acknowledgements keep a core while a
    /// turn is transcribed (transcriptions themselves run one at a time).
    /// </summary>
    public int Threads { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ModelPath);

    internal int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount - 1);
}
