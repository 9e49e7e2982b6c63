using System.Text;

namespace AgentLocator.Api.Integrations.Whisper;

/// <summary>
/// Checks a ggml model file before the native runtime sees it. whisper.cpp rejects a bad magic or a truncated file with
/// an error, but some files it accepts make it abort the whole process later, at the first transcription: F32
/// convolution weights (the CPU backend asserts F16) and a vocabulary without the bare space token (looked up by text
/// on every decode). Those, English-only models that cannot transcribe Hebrew, and files cut short (an interrupted
/// download, which the runtime can load as a model with missing weights) are refused here with a reason.
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
            if (!HasSpaceToken(reader))
            {
                return "its vocabulary has no space token";
            }
            var (audioLayers, textLayers) = (hparams[4], hparams[8]);
            return TensorProblem(reader, expectedTensors: 11 + 15 * audioLayers + 24 * textLayers);
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

    /// <summary>
    /// Walks the tensor records to the end of the file: every tensor whisper.cpp expects is there, whole. Sizes per ggml
    /// type are (bytes, elements) per block: F32, F16 and the quantized types whisper.cpp's quantizer writes.
    /// </summary>
    private static string? TensorProblem(BinaryReader reader, int expectedTensors)
    {
        var stream = reader.BaseStream;
        var tensors = 0;
        while (stream.Position < stream.Length)
        {
            var (dimensions, nameLength, type) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (dimensions is < 1 or > 4 || nameLength is < 1 or > MaxTokenBytes)
            {
                return "its tensor records are malformed";
            }
            var elements = 1L;
            for (var i = 0; i < dimensions; i++)
            {
                elements *= reader.ReadInt32();
            }
            stream.Seek(nameLength, SeekOrigin.Current);
            if (BlockSize(type) is not { } block || elements <= 0 || elements % block.Elements != 0)
            {
                return $"it has a tensor of an unsupported type ({type})";
            }
            var bytes = elements / block.Elements * block.Bytes;
            if (stream.Position + bytes > stream.Length)
            {
                return "the file is truncated";
            }
            stream.Seek(bytes, SeekOrigin.Current);
            tensors++;
        }
        return tensors == expectedTensors ? null : $"it has {tensors} tensors where the model needs {expectedTensors} (the file is incomplete)";
    }

    private static (int Bytes, int Elements)? BlockSize(int type) => type switch
    {
        0 => (4, 1), // F32
        1 => (2, 1), // F16
        2 => (18, 32), // Q4_0
        3 => (20, 32), // Q4_1
        6 => (22, 32), // Q5_0
        7 => (24, 32), // Q5_1
        8 => (34, 32), // Q8_0
        10 => (84, 256), // Q2_K
        11 => (110, 256), // Q3_K
        12 => (144, 256), // Q4_K
        13 => (176, 256), // Q5_K
        14 => (210, 256), // Q6_K
        _ => null,
    };

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
