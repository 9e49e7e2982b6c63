using System.Buffers.Binary;
using System.Text;

namespace AgentLocator.CallSimulator;

/// <summary>Just enough RIFF/WAVE to time a recording and to write the simulator's own PCM audio.</summary>
public static class Wav
{
    public static bool IsWav(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WAVE"u8);

    /// <summary>How long the audio plays, from the fmt chunk's byte rate and the data chunk's size.</summary>
    /// <exception cref="InvalidDataException">When it is not a WAV file we can time.</exception>
    public static TimeSpan Duration(ReadOnlySpan<byte> data)
    {
        if (!IsWav(data))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }
        var byteRate = 0;
        var offset = 12;
        while (offset + 8 <= data.Length)
        {
            var id = data.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 12 <= data.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate <= 0)
                {
                    throw new InvalidDataException("The WAV file has no usable fmt chunk before its data.");
                }
                // Streaming writers leave the size as a placeholder (0 or 0xFFFFFFFF); what is really there counts.
                var available = data.Length - body;
                var length = size == 0 || size > available ? available : (long)size;
                return TimeSpan.FromSeconds((double)length / byteRate);
            }
            // Chunks are padded to an even size.
            var next = (long)body + size + (size & 1);
            if (next > data.Length)
            {
                break;
            }
            offset = (int)next;
        }
        throw new InvalidDataException("The WAV file has no data chunk.");
    }

    /// <summary>A mono 16-bit PCM WAV file of <paramref name="samples"/>.</summary>
    public static byte[] Pcm16Mono(ReadOnlySpan<short> samples, int sampleRate)
    {
        var dataBytes = samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span[0..4]);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..8], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..16]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..20], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..22], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..24], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..28], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..32], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..34], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..36], 16);
        Encoding.ASCII.GetBytes("data", span[36..40]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..44], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span.Slice(44 + i * 2, 2), samples[i]);
        }
        return wav;
    }
}
