using System.Diagnostics;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.Grains.Calls.Providers;
using Xunit.Abstractions;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>
/// With a real multilingual model on the machine (<c>Whisper__ModelPath</c> in the test's environment, e.g. ggml-tiny.bin)
/// and espeak-ng installed, Hebrew speech is transcribed into Hebrew. Skipped otherwise, saying why: CI has no model,
/// and the synthetic one in <see cref="WhisperCallTranscriberTests"/> covers the same path there.
/// </summary>
public sealed class RealWhisperModelTests(ITestOutputHelper output)
{
    [RealWhisperModelFact]
    public async Task Hebrew_speech_in_twilios_format_is_transcribed_into_hebrew()
    {
        var modelPath = RealWhisperModelFactAttribute.ModelPath!;
        output.WriteLine($"Real model: {modelPath}");
        var recording = await SpeakHebrewAsTwilioWouldAsync("שלום, אני רוצה לקבוע פגישה למחר בבוקר");
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["Whisper:ModelPath"] = modelPath });

        var text = await host.Transcriber.TranscribeAsync(new RecordingAudio(recording, "audio/x-wav"), CancellationToken.None);

        output.WriteLine($"Transcript: {text}");
        Assert.Equal(TranscriptionProviders.WhisperLocal, host.Transcriber.Provider);
        Assert.Contains(text, character => character is >= 'א' and <= 'ת');
    }

    /// <summary>espeak-ng's Hebrew voice, resampled by sox to 8 kHz μ-law mono: what Twilio records from a phone line.</summary>
    private static async Task<byte[]> SpeakHebrewAsTwilioWouldAsync(string text)
    {
        var spoken = Path.GetTempFileName();
        var phone = Path.ChangeExtension(Path.GetTempFileName(), ".wav");
        try
        {
            await RunAsync("espeak-ng", "-v", "he", "-w", spoken, text);
            await RunAsync("sox", spoken, "-r", "8000", "-c", "1", "-e", "u-law", phone);
            return await File.ReadAllBytesAsync(phone);
        }
        finally
        {
            File.Delete(spoken);
            File.Delete(phone);
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }
}

/// <summary>Runs only when a real model and the tools to speak Hebrew are present; the skip reason says which is missing.</summary>
public sealed class RealWhisperModelFactAttribute : FactAttribute
{
    public static readonly string? ModelPath = Environment.GetEnvironmentVariable("Whisper__ModelPath");

    public RealWhisperModelFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            Skip = "No real model: set Whisper__ModelPath to a multilingual ggml model (e.g. ggml-tiny.bin) to run it; the synthetic model ran instead.";
        }
        else if (WhisperModelFile.Problem(ModelPath) is { } problem)
        {
            Skip = $"Whisper__ModelPath ({ModelPath}) cannot be used: {problem}.";
        }
        else if (!OnPath("espeak-ng") || !OnPath("sox"))
        {
            Skip = "A real model is set, but espeak-ng and sox are needed to make the Hebrew recording (apt-get install espeak-ng sox).";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
