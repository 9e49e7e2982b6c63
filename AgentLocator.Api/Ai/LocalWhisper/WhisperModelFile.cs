using System.Text;

namespace AgentLocator.Api.Ai.LocalWhisper;

/// <summary>
/// Checks a ggml model file before the native runtime sees it. whisper.cpp rejects a bad magic or a truncated file with
/// an error, but some files it accepts make it abort the whole process later, at the first transcription: F32
/// convolution weights (the CPU backend asserts F16) and a vocabulary without the bare space token (looked up by text
/// on every decode). Those, and English-only models that cannot transcribe Hebrew, are refused here with a reason.
/// </summary>
public static class WhisperModelFile
{
    private const uint GgmlMagic = 0x67676d6c;
    private const int MultilingualVocabulary = 51865;
    private const int QuantizationVersionFactor = 1000;
    private const int F32 = 0;
    private const int MaxTokenBytes = 1024;

    /// <returns>Null when the file looks loadable; otherwise why not, for the start-up log.</returns>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return "the file does not exist";
        }
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.BaseStream.Length < 4 || reader.ReadUInt32() != GgmlMagic)
            {
                return "it is not a whisper.cpp ggml model (bad magic)";
            }
            var hparams = new int[11];
            for (var i = 0; i < hparams.Length; i++)
            {
                hparams[i] = reader.ReadInt32();
            }
            var (vocabulary, ftype) = (hparams[0], hparams[10] % QuantizationVersionFactor);
            if (vocabulary < MultilingualVocabulary)
            {
                return "it is an English-only model (.en), which cannot transcribe Hebrew; use a multilingual one";
            }
            if (ftype == F32)
            {
                return "it stores F32 weights, which the CPU runtime cannot run; use an F16 or quantized model";
            }
            var (mels, fftBins) = (reader.ReadInt32(), reader.ReadInt32());
            if (mels <= 0 || fftBins <= 0)
            {
                return "its mel filter bank is malformed";
            }
            reader.BaseStream.Seek((long)mels * fftBins * sizeof(float), SeekOrigin.Current);
            return HasSpaceToken(reader) ? null : "its vocabulary has no space token";
        }
        catch (EndOfStreamException)
        {
            return "the file is truncated";
        }
        catch (IOException error)
        {
            return "it could not be read: " + error.Message;
        }
        catch (UnauthorizedAccessException)
        {
            return "it could not be read (permission denied)";
        }
    }

    private static bool HasSpaceToken(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var found = false;
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadUInt32();
            if (length > MaxTokenBytes)
            {
                return false;
            }
            var text = reader.ReadBytes((int)length);
            if (text.Length != length)
            {
                throw new EndOfStreamException();
            }
            found |= length == 1 && text[0] == (byte)' ';
        }
        return found;
    }
}
