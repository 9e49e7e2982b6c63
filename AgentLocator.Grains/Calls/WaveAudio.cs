using System.Buffers.Binary;

namespace AgentLocator.Grains.Calls;

/// <summary>The "fmt " chunk of a RIFF/WAVE file: what the sample bytes mean.</summary>
public readonly record struct WaveFormat(ushort Code, ushort Channels, uint SampleRate, ushort BlockAlign, ushort BitsPerSample)
{
    public const ushort Pcm = 1;
    public const ushort ALaw = 6;
    public const ushort MuLaw = 7;
    public const ushort Extensible = 0xFFFE;

    /// <summary>PCM 8/16-bit and 8-bit G.711 (μ-law, A-law): what Twilio and common recorders write.</summary>
    public bool IsDecodable =>
        (Code switch
        {
            Pcm => BitsPerSample is 8 or 16,
            MuLaw or ALaw => BitsPerSample == 8,
            _ => false,
        }) && BlockAlign == Channels * (BitsPerSample / 8);
}

/// <summary>
/// Reads RIFF/WAVE recordings as Twilio serves them (8 kHz mono, PCM or G.711) and as other recorders write them, for
/// the silence check and for the local Whisper model. Tolerant of streamed files whose sizes were never filled in.
/// </summary>
public static class WaveAudio
{
    private static readonly short[] MuLawSamples = BuildMuLawTable();
    private static readonly short[] ALawSamples = BuildALawTable();

    public static bool TryRead(ReadOnlySpan<byte> content, out WaveFormat format, out ReadOnlySpan<byte> data)
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

    /// <summary>One sample as a fraction of full scale, -1 to 1. Only for a <see cref="WaveFormat.IsDecodable"/> format.</summary>
    public static float Sample(WaveFormat format, ReadOnlySpan<byte> data, int offset) => format.Code switch
    {
        WaveFormat.MuLaw => MuLawSamples[data[offset]] / 32768f,
        WaveFormat.ALaw => ALawSamples[data[offset]] / 32768f,
        _ when format.BitsPerSample == 8 => (data[offset] - 128) / 128f,
        _ => BinaryPrimitives.ReadInt16LittleEndian(data[offset..]) / 32768f,
    };

    private static bool TryReadFormat(ReadOnlySpan<byte> body, out WaveFormat format)
    {
        format = default;
        if (body.Length < 16)
        {
            return false;
        }
        var code = BinaryPrimitives.ReadUInt16LittleEndian(body);
        if (code == WaveFormat.Extensible && body.Length >= 26)
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

    // G.711 A-law expansion: even bits are inverted (XOR 0x55); a set sign bit means positive.
    private static short[] BuildALawTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var value = i ^ 0x55;
            var exponent = (value >> 4) & 0x07;
            var mantissa = value & 0x0F;
            var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            table[i] = (short)((value & 0x80) != 0 ? magnitude : -magnitude);
        }
        return table;
    }
}
