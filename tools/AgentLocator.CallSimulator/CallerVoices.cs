using System.Diagnostics;

namespace AgentLocator.CallSimulator;

/// <summary>
/// Audio for the scripted caller: Hebrew speech from espeak-ng when it is installed (a Debian package), otherwise a
/// synthesized voice-like signal, so a recording is never empty and a transcriber has something to chew on.
/// </summary>
public static class CallerVoices
{
    /// <summary>Twilio records phone calls at 8 kHz.</summary>
    public const int SampleRate = 8000;

    /// <summary>What the caller says on each turn (cycled).</summary>
    public static IReadOnlyList<string> Sentences { get; } =
    [
        "שלום, קוראים לי דני כהן. אני מתעניין בדירה שפרסמתם ברחוב הרצל.",
        "אפשר לקבוע פגישה ביום ראשון בבוקר? המספר שלי מופיע אצלכם.",
        "תודה רבה, אני מחכה לשיחה חוזרת. להתראות.",
    ];

    private static readonly (double F1, double F2)[] Vowels = [(800, 1200), (300, 2300), (350, 800), (500, 1900), (500, 900)];

    /// <summary>
    /// A voiced-sounding signal: a gliding pitch with its harmonics shaped by vowel-like formants, in syllables of
    /// about a quarter second with short gaps. Not speech, but it has the energy and rhythm of speech.
    /// </summary>
    public static byte[] Voice(TimeSpan length, int variant = 0)
    {
        var samples = new short[(int)(length.TotalSeconds * SampleRate)];
        const double syllablesPerSecond = 4;
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / SampleRate;
            var pitch = 125 + 25 * Math.Sin(2 * Math.PI * 0.6 * t + variant);
            phase += 2 * Math.PI * pitch / SampleRate;
            var syllable = t * syllablesPerSecond;
            var within = syllable - Math.Floor(syllable);
            // Voiced for 80% of each syllable, with a smooth rise and fall so there are no clicks.
            var envelope = within < 0.8 ? Math.Pow(Math.Sin(Math.PI * within / 0.8), 2) : 0;
            var (f1, f2) = Vowels[((int)syllable + variant) % Vowels.Length];
            var value = 0.0;
            for (var k = 1; k * pitch < SampleRate / 2.0 - 500; k++)
            {
                var f = k * pitch;
                var weight = (Resonance(f, f1) + 0.6 * Resonance(f, f2) + 0.05) / k;
                value += weight * Math.Sin(k * phase);
            }
            samples[i] = (short)Math.Clamp(value * envelope * 9000, short.MinValue, short.MaxValue);
        }
        return Wav.Pcm16Mono(samples, SampleRate);
    }

    public static byte[] Silence(TimeSpan length) => Wav.Pcm16Mono(new short[(int)(length.TotalSeconds * SampleRate)], SampleRate);

    /// <summary>The path of espeak-ng on PATH, or null.</summary>
    public static string? FindEspeak() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, OperatingSystem.IsWindows() ? "espeak-ng.exe" : "espeak-ng"))
            .FirstOrDefault(File.Exists);

    /// <summary>Hebrew speech from espeak-ng as a WAV file; null when it is not installed or did not produce one.</summary>
    public static async Task<byte[]?> SpeakAsync(string hebrewText, CancellationToken cancellationToken)
    {
        if (FindEspeak() is not { } espeak)
        {
            return null;
        }
        var file = Path.Combine(Path.GetTempPath(), $"callsim-{Guid.NewGuid():N}.wav");
        try
        {
            using var process = Process.Start(new ProcessStartInfo(espeak, ["-v", "he", "-w", file, hebrewText])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null)
            {
                return null;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A stuck espeak-ng must not outlive the simulator.
                process.Kill(entireProcessTree: true);
                throw;
            }
            var wav = process.ExitCode == 0 && File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken) : null;
            return wav is not null && Wav.IsWav(wav) && Wav.Duration(wav) > TimeSpan.Zero ? wav : null;
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidDataException or IOException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The caller's audio for a turn: espeak-ng's Hebrew when allowed and available, else <see cref="Voice"/>.</summary>
    public static async Task<byte[]> ForTurnAsync(int turn, bool preferSpeech, CancellationToken cancellationToken) =>
        (preferSpeech ? await SpeakAsync(Sentences[turn % Sentences.Count], cancellationToken) : null)
        ?? Voice(TimeSpan.FromSeconds(2), turn);

    private static double Resonance(double frequency, double formant) =>
        Math.Exp(-Math.Pow((frequency - formant) / 150, 2));
}
