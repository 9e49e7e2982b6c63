using System.Buffers.Binary;

namespace AgentLocator.FakeProviders;

/// <summary>
/// Recordings and speech for tests, made here rather than shipped: RIFF/WAVE at Twilio's 8 kHz mono, either
/// speech-like (a voice's harmonics under a syllable-rate swell) or silence (optionally with a phone line's hiss),
/// and a small valid MP3 for Google's answer.
/// </summary>
public static class FakeAudio
{
    public const int TelephoneSampleRate = 8000;

    /// <summary>Speech-like sound: 16-bit PCM, 8 kHz mono.</summary>
    public static byte[] SpeechWav(TimeSpan length) => Wav(SpeechSamples(length));

    /// <summary>Silence, or with <paramref name="noiseLevel"/> (fraction of full scale, e.g. 0.001 ≈ -60 dBFS) a line's hiss.</summary>
    public static byte[] SilenceWav(TimeSpan length, double noiseLevel = 0) => Wav(SilenceSamples(length, noiseLevel));

    public static short[] SpeechSamples(TimeSpan length, int sampleRate = TelephoneSampleRate)
    {
        var samples = new short[SampleCount(length, sampleRate)];
        var random = new Random(7);
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / sampleRate;
            // A 140 Hz voice with falling harmonics, swelling and fading four times a second like syllables.
            var voice = Math.Sin(2 * Math.PI * 140 * t) + 0.5 * Math.Sin(2 * Math.PI * 280 * t)
                + 0.3 * Math.Sin(2 * Math.PI * 420 * t) + 0.2 * Math.Sin(2 * Math.PI * 560 * t);
            var syllables = 0.35 + 0.25 * Math.Sin(2 * Math.PI * 4 * t);
            var breath = (random.NextDouble() - 0.5) * 0.01;
            samples[i] = ToSample(voice / 2 * syllables + breath);
        }
        return samples;
    }

    public static short[] SilenceSamples(TimeSpan length, double noiseLevel = 0, int sampleRate = TelephoneSampleRate)
    {
        var samples = new short[SampleCount(length, sampleRate)];
        var random = new Random(11);
        for (var i = 0; i < samples.Length && noiseLevel > 0; i++)
        {
            samples[i] = ToSample((random.NextDouble() * 2 - 1) * noiseLevel * Math.Sqrt(3));
        }
        return samples;
    }

    /// <summary>16-bit PCM mono.</summary>
    public static byte[] Wav(ReadOnlySpan<short> samples, int sampleRate = TelephoneSampleRate)
    {
        var data = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), samples[i]);
        }
        return Riff(formatCode: 1, sampleRate, bitsPerSample: 16, data);
    }

    /// <summary>G.711 μ-law mono (WAVE format 7), as telephone systems store calls.</summary>
    public static byte[] MuLawWav(ReadOnlySpan<short> samples, int sampleRate = TelephoneSampleRate)
    {
        var data = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            data[i] = MuLaw(samples[i]);
        }
        return Riff(formatCode: 7, sampleRate, bitsPerSample: 8, data);
    }

    /// <summary>G.711 A-law mono (WAVE format 6), the European telephone coding.</summary>
    public static byte[] ALawWav(ReadOnlySpan<short> samples, int sampleRate = TelephoneSampleRate)
    {
        var data = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            data[i] = ALaw(samples[i]);
        }
        return Riff(formatCode: 6, sampleRate, bitsPerSample: 8, data);
    }

    /// <summary>
    /// A valid MP3 of silence: MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) whose side information is all
    /// zero, which decoders play as silence. Ten frames are about a quarter of a second.
    /// </summary>
    public static byte[] SilentMp3(int frames = 10)
    {
        const int frameLength = 417; // 144 × 128000 / 44100, no padding
        var mp3 = new byte[frames * frameLength];
        for (var frame = 0; frame < frames; frame++)
        {
            new byte[] { 0xFF, 0xFB, 0x90, 0xC4 }.CopyTo(mp3, frame * frameLength);
        }
        return mp3;
    }

    private static byte[] Riff(ushort formatCode, int sampleRate, ushort bitsPerSample, byte[] data)
    {
        var blockAlign = (ushort)(bitsPerSample / 8);
        // Formats other than PCM carry a cbSize field (zero here) and a fact chunk with the sample count.
        var pcm = formatCode == 1;
        var formatSize = pcm ? 16 : 18;
        var factSize = pcm ? 0 : 12;
        var padding = data.Length & 1;
        var wav = new byte[12 + 8 + formatSize + factSize + 8 + data.Length + padding];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(wav.Length - 8));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)formatSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], formatCode);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], bitsPerSample);
        var offset = 20 + formatSize;
        if (!pcm)
        {
            "fact"u8.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 8)..], (uint)(data.Length / blockAlign));
            offset += factSize;
        }
        "data"u8.CopyTo(span[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], (uint)data.Length);
        data.CopyTo(span[(offset + 8)..]);
        return wav;
    }

    // G.711 μ-law compression: bias, find the segment (exponent), keep four bits of mantissa, store inverted.
    private static byte MuLaw(short sample)
    {
        const int bias = 0x84, clip = 32635;
        var sign = sample < 0 ? 0x80 : 0;
        var magnitude = Math.Min(Math.Abs((int)sample), clip) + bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }
        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static int SampleCount(TimeSpan length, int sampleRate) => (int)Math.Round(length.TotalSeconds * sampleRate);

    private static short ToSample(double value) => (short)Math.Clamp(Math.Round(value * 32767), short.MinValue, short.MaxValue);

    // G.711 A-law compression: 13-bit magnitude, segment by the highest set bit, four bits of mantissa, even bits
    // inverted (XOR 0x55) and the sign bit set for positive samples.
    private static byte ALaw(short sample)
    {
        int value = sample >> 3;
        int mask;
        if (value >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            value = -value - 1;
        }
        var segment = 0;
        while (segment < 8 && value > (0x20 << segment) - 1)
        {
            segment++;
        }
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        var coded = (segment << 4) | ((segment < 2 ? value >> 1 : value >> segment) & 0x0F);
        return (byte)(coded ^ mask);
    }
}
