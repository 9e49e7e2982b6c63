using AgentLocator.Grains.Calls;

namespace AgentLocator.Api.Integrations.Whisper;

/// <summary>
/// Turns a recording (Twilio's 8 kHz mono PCM or G.711 WAV, or any PCM 8/16-bit WAV) into what whisper.cpp takes:
/// 16 kHz mono float samples from -1 to 1.
/// </summary>
public static class WhisperSamples
{
    public const int SampleRate = 16_000;

    /// <summary>whisper.cpp skips input shorter than a second (no text at all), so shorter turns are padded with silence.</summary>
    private const int MinimumSamples = SampleRate;

    /// <exception cref="InvalidDataException">When the bytes are not a WAV format we can decode.</exception>
    public static float[] FromWave(ReadOnlySpan<byte> content)
    {
        if (!WaveAudio.TryRead(content, out var format, out var data))
        {
            throw new InvalidDataException("The recording is not a RIFF/WAVE file.");
        }
        if (!format.IsDecodable)
        {
            throw new InvalidDataException(
                $"The recording's WAV format (code {format.Code}, {format.BitsPerSample}-bit) cannot be decoded for the local model.");
        }
        var mono = Downmix(format, data);
        var samples = Resample(mono, (int)format.SampleRate);
        return samples.Length >= MinimumSamples ? samples : [.. samples, .. new float[MinimumSamples - samples.Length]];
    }

    private static float[] Downmix(WaveFormat format, ReadOnlySpan<byte> data)
    {
        var bytesPerSample = format.BitsPerSample / 8;
        var frames = data.Length / format.BlockAlign;
        var mono = new float[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0f;
            for (var channel = 0; channel < format.Channels; channel++)
            {
                sum += WaveAudio.Sample(format, data, frame * format.BlockAlign + channel * bytesPerSample);
            }
            mono[frame] = sum / format.Channels;
        }
        return mono;
    }

    /// <summary>
    /// Linear interpolation. Telephone audio is upsampled (8 → 16 kHz), where it is exact enough; a higher-rate file is
    /// first averaged over each output period so it does not alias.
    /// </summary>
    private static float[] Resample(float[] input, int rate)
    {
        if (rate == SampleRate || input.Length == 0)
        {
            return input;
        }
        var length = (int)((long)input.Length * SampleRate / rate);
        var output = new float[length];
        var step = (double)rate / SampleRate;
        for (var i = 0; i < length; i++)
        {
            var position = i * step;
            if (step > 1)
            {
                var from = (int)position;
                var to = Math.Min(input.Length, (int)(position + step));
                var sum = 0f;
                for (var j = from; j < to; j++)
                {
                    sum += input[j];
                }
                output[i] = sum / Math.Max(1, to - from);
                continue;
            }
            var index = (int)position;
            var fraction = (float)(position - index);
            var next = Math.Min(index + 1, input.Length - 1);
            output[i] = input[index] * (1 - fraction) + input[next] * fraction;
        }
        return output;
    }
}
