using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Grains.Calls.Providers;
using Whisper.net;
using Whisper.net.Logger;

namespace AgentLocator.Api.Integrations.Whisper;

/// <summary>
/// Speech to text on this machine, no key: a whisper.cpp ggml model through Whisper.net, Hebrew forced. The model is
/// loaded once (<see cref="TryLoad"/>); transcriptions run one at a time on a pool thread with
/// <see cref="WhisperOptions.Threads"/> threads, so the grain that waits never blocks its scheduler and a burst of
/// turns cannot take every core from the webhooks that must be acknowledged meanwhile.
/// </summary>
public sealed partial class WhisperCallTranscriber : ICallTranscriber, IDisposable
{
    private readonly WhisperFactory factory;
    private readonly int threads;
    private readonly ILogger<WhisperCallTranscriber> logger;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    private WhisperCallTranscriber(WhisperFactory factory, string modelName, int threads, ILogger<WhisperCallTranscriber> logger)
    {
        this.factory = factory;
        ModelName = modelName;
        this.threads = threads;
        this.logger = logger;
    }

    /// <summary>The model's file name, for the start-up log and /health (the directory is the operator's business).</summary>
    public string ModelName { get; }

    public bool IsConfigured => true;

    public string Provider => TranscriptionProviders.WhisperLocal;

    /// <summary>
    /// Loads the model at <see cref="WhisperOptions.ModelPath"/> under <see cref="WhisperOptions.LoadTimeoutSeconds"/>.
    /// Never throws for a bad file: the reason comes back for the start-up log, and the API runs without transcription.
    /// </summary>
    public static WhisperCallTranscriber? TryLoad(WhisperOptions options, ILoggerFactory loggers, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.ModelPath!.Trim());
        problem = WhisperModelFile.Problem(path);
        if (problem is not null)
        {
            return null;
        }
        // whisper.cpp says why a model does not load only in its log; those lines become the reason.
        var nativeErrors = new ConcurrentQueue<string>();
        using var nativeLog = LogProvider.AddLogger((level, message) =>
        {
            if (level == WhisperLogLevel.Error)
            {
                nativeErrors.Enqueue((message ?? "").Trim());
            }
        });
        var load = Task.Run(() => LoadAndProbe(path));
        try
        {
            if (!load.Wait(TimeSpan.FromSeconds(options.LoadTimeoutSeconds)))
            {
                // The native load cannot be interrupted; if it finishes later, its memory is given back.
                _ = load.ContinueWith(late => late.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                problem = $"it did not load within {options.LoadTimeoutSeconds} s (Whisper:LoadTimeoutSeconds)";
                return null;
            }
        }
        catch (AggregateException error) when (error.InnerException is { } inner)
        {
            problem = $"the runtime could not load it ({(nativeErrors.IsEmpty ? inner.Message : string.Join("; ", nativeErrors))})";
            return null;
        }
        return new WhisperCallTranscriber(load.Result, Path.GetFileName(path), options.EffectiveThreads,
            loggers.CreateLogger<WhisperCallTranscriber>());
    }

    /// <summary>
    /// Whisper.net reads the file when the factory is made but reports a model whisper.cpp refused only when the first
    /// processor is built; building one here (with the language forced, which an English-only model refuses) makes a
    /// bad model a start-up error instead of a failure at the first caller.
    /// </summary>
    private static WhisperFactory LoadAndProbe(string path)
    {
        var factory = WhisperFactory.FromPath(path);
        try
        {
            using var probe = factory.CreateBuilder().WithLanguage(OpenAICallTranscriber.Language).Build();
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public async Task<string> TranscribeAsync(RecordingAudio audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var samples = WhisperSamples.FromWave(audio.Content);
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var text = await Task.Run(() => RunAsync(samples, cancellationToken), cancellationToken);
            logger.LogInformation("Transcribed {Seconds:0.0} s of audio locally with {Model} into {Characters} characters.",
                samples.Length / (double)WhisperSamples.SampleRate, ModelName, text.Length);
            return text;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<string> RunAsync(float[] samples, CancellationToken cancellationToken)
    {
        // Whisper guesses the language from the first seconds and takes short Hebrew phrases over a phone line for
        // Arabic or English; every caller here speaks Hebrew (the same choice as the OpenAI transcriber).
        await using var processor = factory.CreateBuilder()
            .WithLanguage(OpenAICallTranscriber.Language)
            .WithThreads(threads)
            .Build();
        var text = new StringBuilder();
        await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
        {
            if (!Annotation().IsMatch(segment.Text))
            {
                text.Append(segment.Text);
            }
        }
        return text.ToString().Trim();
    }

    /// <summary>
    /// whisper.cpp writes what it heard instead of words as a bracketed note ("[BLANK_AUDIO]", "(music)"); that is no
    /// transcript, and the pipeline treats an empty one as silence.
    /// </summary>
    [GeneratedRegex(@"^\s*(\[[^\]]*\]|\([^)]*\))\s*$")]
    private static partial Regex Annotation();

    /// <summary>
    /// Waits for a running transcription before freeing the model: freeing it under the native code would crash the
    /// process at shutdown. If one is still running after the wait, the model is left to the process's exit instead.
    /// </summary>
    public void Dispose()
    {
        if (oneAtATime.Wait(TimeSpan.FromSeconds(30)))
        {
            factory.Dispose();
        }
    }
}
