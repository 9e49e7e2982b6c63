using System.Buffers.Binary;
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
/// Reads RIFF/WAVE recordings (PCM 8/16-bit, and the 8 kHz μ-law Twilio can produce) to find silence before it is
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

    private const ushort PcmFormat = 1;
    private const ushort MuLawFormat = 7;
    private const ushort ExtensibleFormat = 0xFFFE;

    private static readonly short[] MuLawSamples = BuildMuLawTable();

    public static RecordingLevel Inspect(RecordingAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Inspect(audio.Content);
    }

    public static RecordingLevel Inspect(ReadOnlySpan<byte> content)
    {
        if (!TryReadWave(content, out var format, out var data))
        {
            return RecordingLevel.Unknown;
        }
        var bytesPerSecond = (double)format.BlockAlign * format.SampleRate;
        var duration = data.Length / bytesPerSecond;
        var bytesPerSample = format.BitsPerSample / 8;
        var readable = format.Code switch
        {
            PcmFormat => format.BitsPerSample is 8 or 16,
            MuLawFormat => format.BitsPerSample == 8,
            _ => false,
        };
        if (!readable || format.BlockAlign != format.Channels * bytesPerSample)
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
                var sample = Sample(format, data, i * bytesPerSample);
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

    /// <summary>One sample as a fraction of full scale, -1 to 1.</summary>
    private static double Sample(WaveFormat format, ReadOnlySpan<byte> data, int offset) => format.Code switch
    {
        MuLawFormat => MuLawSamples[data[offset]] / 32768.0,
        _ when format.BitsPerSample == 8 => (data[offset] - 128) / 128.0,
        _ => BinaryPrimitives.ReadInt16LittleEndian(data[offset..]) / 32768.0,
    };

    private readonly record struct WaveFormat(ushort Code, ushort Channels, uint SampleRate, ushort BlockAlign, ushort BitsPerSample);

    private static bool TryReadWave(ReadOnlySpan<byte> content, out WaveFormat format, out ReadOnlySpan<byte> data)
    {
        format = default;
        data = default;
        if (content.Length < 12 || !content[..4].SequenceEqual("RIFF"u8) || !content[8..12].SequenceEqual("WAVE"u8))
        {
            return false;
        }
        var haveFormat = false;
        for (var offset = 12; offset + 8 <= content.Length;)
        {
            var id = content.Slice(offset, 4);
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(content.Slice(offset + 4, 4));
            var available = content.Length - offset - 8;
            // Streamed recordings may leave the size unset (0 or 0xFFFFFFFF) or larger than what arrived.
            var size = declared > available ? available : (int)declared;
            var body = content.Slice(offset + 8, size);
            if (id.SequenceEqual("fmt "u8))
            {
                haveFormat = TryReadFormat(body, out format);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    return false;
                }
                // A size left at 0 by a writer that never finished is read as "to the end": dropping a real
                // recording as silent would be worse than reading a trailing chunk as sound.
                data = declared == 0 ? content.Slice(offset + 8, available) : body;
                data = data[..(data.Length - data.Length % format.BlockAlign)];
                return true;
            }
            offset += 8 + size + (size & 1);
        }
        return false;
    }

    private static bool TryReadFormat(ReadOnlySpan<byte> body, out WaveFormat format)
    {
        format = default;
        if (body.Length < 16)
        {
            return false;
        }
        var code = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (code == ExtensibleFormat && body.Length >= 26)
        {
            // WAVE_FORMAT_EXTENSIBLE keeps the real format code in the first two bytes of its sub-format GUID.
            code = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
        }
        format = new WaveFormat(
            code,
            BinaryPrimitives.ReadUInt16LittleEndian(body[2..]),
            BinaryPrimitives.ReadUInt32LittleEndian(body[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(body[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(body[14..]));
        return format.Channels > 0 && format.SampleRate > 0 && format.BlockAlign > 0;
    }

    // G.711 μ-law expansion: the byte is stored inverted; sign, a 3-bit segment and a 4-bit step within it.
    private static short[] BuildMuLawTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var value = ~i & 0xFF;
            var exponent = (value >> 4) & 0x07;
            var mantissa = value & 0x0F;
            var magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
            table[i] = (short)((value & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
