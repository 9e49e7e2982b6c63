using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Grains.Calls;

/// <summary>
/// What a look at a recording's samples tells: its length, and whether anyone spoke. <see cref="DurationSeconds"/>
/// is null and <see cref="IsSilent"/> false when the format could not be read, so an unreadable file is still sent
/// on rather than dropped.
/// </summary>
public sealed record RecordingLevel(double? DurationSeconds, bool IsSilent, double? PeakLevel, double? VoicedSeconds)
{
    public static readonly RecordingLevel Unknown = new(null, false, null, null);
}

/// <summary>
/// Reads RIFF/WAVE recordings (PCM 8/16-bit, and the 8 kHz μ-law or A-law Twilio can produce; see <see cref="WaveAudio"/>) to find silence before it is
/// sent to Whisper, which given silence tends to invent a sentence ("תודה רבה", subtitles credits) rather than return
/// nothing. Speech is judged in 20 ms frames: the recording is silent when less than
/// <see cref="MinimumVoiced"/> of it rises above <see cref="VoicedFrameLevel"/>, so neither a click nor the line's
/// background hiss counts as someone speaking.
/// </summary>
public static class RecordingLevels
{
    /// <summary>-40 dBFS, as RMS over a frame with its DC offset removed. Phone speech sits around -30 to -15 dBFS.</summary>
    public const double VoicedFrameLevel = 0.01;

    /// <summary>Shorter than any word; a single click or a breath is shorter still.</summary>
    public static readonly TimeSpan MinimumVoiced = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);

    public static RecordingLevel Inspect(RecordingAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Inspect(audio.Content);
    }

    public static RecordingLevel Inspect(ReadOnlySpan<byte> content)
    {
        if (!WaveAudio.TryRead(content, out var format, out var data))
        {
            return RecordingLevel.Unknown;
        }
        var bytesPerSecond = (double)format.BlockAlign * format.SampleRate;
        var duration = data.Length / bytesPerSecond;
        if (!format.IsDecodable)
        {
            return new RecordingLevel(duration, false, null, null);
        }
        var (peak, voicedFrames) = Measure(format, data);
        var voiced = voicedFrames * FrameLength.TotalSeconds;
        return new RecordingLevel(duration, voiced < MinimumVoiced.TotalSeconds, peak, voiced);
    }

    private static (double Peak, int VoicedFrames) Measure(WaveFormat format, ReadOnlySpan<byte> data)
    {
        var samplesPerFrame = Math.Max(1, (int)(format.SampleRate * FrameLength.TotalSeconds) * format.Channels);
        var bytesPerSample = format.BitsPerSample / 8;
        var sampleCount = data.Length / bytesPerSample;
        double peak = 0;
        var voicedFrames = 0;
        for (var start = 0; start < sampleCount; start += samplesPerFrame)
        {
            var count = Math.Min(samplesPerFrame, sampleCount - start);
            double sum = 0, sumOfSquares = 0;
            for (var i = start; i < start + count; i++)
            {
                double sample = WaveAudio.Sample(format, data, i * bytesPerSample);
                sum += sample;
                sumOfSquares += sample * sample;
                peak = Math.Max(peak, Math.Abs(sample));
            }
            var mean = sum / count;
            var rms = Math.Sqrt(Math.Max(0, sumOfSquares / count - mean * mean));
            // A partial last frame counts only if it is at least half a frame, so a few stray bytes cannot tip it.
            if (rms >= VoicedFrameLevel && count * 2 >= samplesPerFrame)
            {
                voicedFrames++;
            }
        }
        return (peak, voicedFrames);
    }
}
