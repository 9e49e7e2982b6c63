using System.Buffers.Binary;

namespace AgentLocator.Api.Calls.Media;

/// <summary>
/// How long a WAV or MP3 file plays, read from its headers (no decoding): a hold clip's length decides how often it
/// loops to cover one hold step. Null when the file's structure cannot be read.
/// </summary>
public static class AudioLength
{
    public static double? Seconds(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        "audio/wav" => WavSeconds(content),
        "audio/mpeg" => Mp3Seconds(content),
        _ => null,
    };

    /// <summary>The data chunk's size over the format chunk's byte rate, walking RIFF chunks in order.</summary>
    private static double? WavSeconds(ReadOnlySpan<byte> content)
    {
        int? byteRate = null;
        var at = 12;
        while (at + 8 <= content.Length)
        {
            var id = content.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(content[(at + 4)..]);
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= content.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(content[(body + 8)..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                // A streamed WAV may claim more data than it holds; what is there is what plays.
                var bytes = Math.Min(size, (uint)(content.Length - body));
                return byteRate is > 0 and { } rate ? (double)bytes / rate : null;
            }
            // Chunks are padded to an even size.
            at = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        return null;
    }

    // MPEG audio frame header fields (ISO 11172-3 / 13818-3): kbit/s by bitrate index, for Layer III.
    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

    /// <summary>Counts Layer III frames after any ID3v2 tag; each frame carries a fixed number of samples.</summary>
    private static double? Mp3Seconds(ReadOnlySpan<byte> content)
    {
        var at = 0;
        if (content.Length >= 10 && content[..3].SequenceEqual("ID3"u8))
        {
            // The tag size is "synchsafe": seven bits per byte.
            var tag = (content[6] & 0x7F) << 21 | (content[7] & 0x7F) << 14 | (content[8] & 0x7F) << 7 | content[9] & 0x7F;
            at = 10 + tag + ((content[5] & 0x10) != 0 ? 10 : 0);
        }
        var seconds = 0.0;
        var frames = 0;
        while (at + 4 <= content.Length && content[at] == 0xFF && (content[at + 1] & 0xE0) == 0xE0)
        {
            var version = (content[at + 1] >> 3) & 0b11; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
            var layer = (content[at + 1] >> 1) & 0b11; // 1: Layer III
            var bitrateIndex = content[at + 2] >> 4;
            var rateIndex = (content[at + 2] >> 2) & 0b11;
            var padding = (content[at + 2] >> 1) & 1;
            if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
            {
                break;
            }
            var mpeg1 = version == 3;
            var sampleRate = Mpeg1Rates[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
            var bitrate = (mpeg1 ? Mpeg1Layer3Kbps : Mpeg2Layer3Kbps)[bitrateIndex] * 1000;
            var samples = mpeg1 ? 1152 : 576;
            var length = samples / 8 * bitrate / sampleRate + padding;
            seconds += (double)samples / sampleRate;
            frames++;
            at += length;
        }
        return frames == 0 ? null : seconds;
    }
}
