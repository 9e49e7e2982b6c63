using System.Text;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>
/// Writes a small whisper.cpp ggml model with all-zero weights, so the real Whisper.net load and transcription path runs
/// in CI without the operator's 75 MB+ download. The layout is whisper.cpp's <c>whisper_model_load</c>: magic, eleven
/// int32 hparams, the mel filter bank, the vocabulary, then every tensor (dims, name length, type, shape, name, data).
/// The vocabulary size (51,865) makes the runtime treat it as multilingual, so "he" is a language it accepts; the
/// state is shrunk from tiny's 384 to keep the file about 8 MB. Weights are F16 like the published models: the CPU
/// runtime aborts the whole process on F32 convolution weights, which is also why our loader refuses ftype 0.
/// </summary>
public static class SyntheticWhisperModel
{
    public const uint GgmlMagic = 0x67676d6c;

    public const int VocabularySize = 51865;

    /// <summary>The tokens stored in the file; the runtime names the rest (special, language and timestamp tokens) itself.</summary>
    private const int StoredTokens = 50257;

    private const int SpaceToken = 220;

    private const int AudioContext = 1500;
    private const int TextContext = 448;
    private const int State = 64;
    private const int Heads = 2;
    private const int Layers = 4;
    private const int Mels = 80;
    private const int FftBins = 201;
    public const int F32 = 0;
    public const int F16 = 1;

    /// <summary>Byte offsets of two hparams, for tests that make a file the loader must refuse.</summary>
    public const int VocabularyOffset = 4;
    public const int FtypeOffset = 4 + 10 * sizeof(int);

    /// <summary>Writes the model to a new temporary file and returns its path; the caller deletes it.</summary>
    public static string WriteTemporary(bool spaceToken = true)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentlocator-synthetic-whisper-{Guid.NewGuid():N}.bin");
        using var file = File.Create(path);
        Write(file, F16, spaceToken);
        return path;
    }

    /// <param name="spaceToken">False leaves out the space token, which the runtime needs (for the loader's check).</param>
    public static void Write(Stream output, int ftype = F16, bool spaceToken = true)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(GgmlMagic);
        foreach (var value in new[] { VocabularySize, AudioContext, State, Heads, Layers, TextContext, State, Heads, Layers, Mels, ftype })
        {
            writer.Write(value);
        }

        writer.Write(Mels);
        writer.Write(FftBins);
        writer.Write(new byte[Mels * FftBins * sizeof(float)]);

        writer.Write(StoredTokens);
        for (var token = 0; token < StoredTokens; token++)
        {
            // The runtime looks up the bare space token by text (to suppress a blank start) and aborts the process when
            // it is missing; it is token 220 in Whisper's real vocabulary too.
            var text = Encoding.UTF8.GetBytes(token == SpaceToken && spaceToken ? " " : $"t{token}");
            writer.Write(text.Length);
            writer.Write(text);
        }

        // F16 for the big matrices and the convolutions, F32 for biases, norms and positions, as whisper.cpp allocates them.
        var weights = ftype == F32 ? F32 : F16;
        Tensor(writer, "encoder.positional_embedding", F32, State, AudioContext);
        Tensor(writer, "encoder.conv1.weight", weights, 3, Mels, State);
        Tensor(writer, "encoder.conv1.bias", F32, 1, State);
        Tensor(writer, "encoder.conv2.weight", weights, 3, State, State);
        Tensor(writer, "encoder.conv2.bias", F32, 1, State);
        Tensor(writer, "encoder.ln_post.weight", F32, State);
        Tensor(writer, "encoder.ln_post.bias", F32, State);
        for (var layer = 0; layer < Layers; layer++)
        {
            Block(writer, $"encoder.blocks.{layer}.", "attn", weights);
        }

        Tensor(writer, "decoder.positional_embedding", F32, State, TextContext);
        Tensor(writer, "decoder.token_embedding.weight", weights, State, VocabularySize);
        Tensor(writer, "decoder.ln.weight", F32, State);
        Tensor(writer, "decoder.ln.bias", F32, State);
        for (var layer = 0; layer < Layers; layer++)
        {
            var prefix = $"decoder.blocks.{layer}.";
            Block(writer, prefix, "attn", weights);
            Attention(writer, prefix, "cross_attn", weights);
        }
    }

    /// <summary>One transformer block: self-attention (or the given attention) and the MLP with their layer norms.</summary>
    private static void Block(BinaryWriter writer, string prefix, string attention, int weights)
    {
        Tensor(writer, prefix + "mlp_ln.weight", F32, State);
        Tensor(writer, prefix + "mlp_ln.bias", F32, State);
        Tensor(writer, prefix + "mlp.0.weight", weights, State, 4 * State);
        Tensor(writer, prefix + "mlp.0.bias", F32, 4 * State);
        Tensor(writer, prefix + "mlp.2.weight", weights, 4 * State, State);
        Tensor(writer, prefix + "mlp.2.bias", F32, State);
        Attention(writer, prefix, attention, weights);
    }

    private static void Attention(BinaryWriter writer, string prefix, string attention, int weights)
    {
        Tensor(writer, $"{prefix}{attention}_ln.weight", F32, State);
        Tensor(writer, $"{prefix}{attention}_ln.bias", F32, State);
        Tensor(writer, $"{prefix}{attention}.query.weight", weights, State, State);
        Tensor(writer, $"{prefix}{attention}.query.bias", F32, State);
        Tensor(writer, $"{prefix}{attention}.key.weight", weights, State, State);
        Tensor(writer, $"{prefix}{attention}.value.weight", weights, State, State);
        Tensor(writer, $"{prefix}{attention}.value.bias", F32, State);
        Tensor(writer, $"{prefix}{attention}.out.weight", weights, State, State);
        Tensor(writer, $"{prefix}{attention}.out.bias", F32, State);
    }

    /// <summary>A tensor record; <paramref name="shape"/> is ggml's order (fastest-varying dimension first).</summary>
    private static void Tensor(BinaryWriter writer, string name, int type, params int[] shape)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        writer.Write(shape.Length);
        writer.Write(nameBytes.Length);
        writer.Write(type);
        var elements = 1L;
        foreach (var dimension in shape)
        {
            writer.Write(dimension);
            elements *= dimension;
        }
        writer.Write(nameBytes);
        var bytes = elements * (type == F16 ? 2 : 4);
        Span<byte> zeros = stackalloc byte[4096];
        zeros.Clear();
        for (var written = 0L; written < bytes; written += zeros.Length)
        {
            writer.Write(zeros[..(int)Math.Min(zeros.Length, bytes - written)]);
        }
    }
}
