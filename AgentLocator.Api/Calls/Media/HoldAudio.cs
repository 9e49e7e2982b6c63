using System.Buffers.Binary;

namespace AgentLocator.Api.Calls.Media;

/// <summary>
/// What the caller hears while the reply is being prepared: a soft two-note chime with silence after it, made
/// here (8 kHz mono PCM, the telephone's own rate) so no audio file has to ship with the product.
/// </summary>
public static class HoldAudio
{
    public const string Path = "/media/hold.wav";
    public const int SampleRate = 8000;

    /// <summary>How long one play of the hold audio lasts; the reply loop's timing is built on it.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(2);

    public static byte[] Wav { get; } = Build();

    private static byte[] Build()
    {
        var samples = (int)(SampleRate * Length.TotalSeconds);
        var wav = new byte[44 + samples * 2];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / SampleRate;
            // Two notes of 0.35 s each with a fading envelope, then quiet.
            var (frequency, start) = t < 0.35 ? (660.0, 0.0) : t < 0.7 ? (880.0, 0.35) : (0.0, 0.0);
            var envelope = frequency == 0 ? 0 : Math.Exp(-6 * (t - start));
            var value = (short)(envelope * 0.2 * short.MaxValue * Math.Sin(2 * Math.PI * frequency * t));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], value);
        }
        return wav;
    }
}
