using System.Buffers.Binary;
using AgentLocator.Api.Integrations.Whisper;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>
/// The check before the native runtime sees a model file: the files it would abort the process on (F32 weights, no
/// space token) and those that cannot do Hebrew are refused with a reason instead.
/// </summary>
public sealed class WhisperModelFileTests : IDisposable
{
    private readonly string model = SyntheticWhisperModel.WriteTemporary();
    private readonly List<string> others = [];

    [Fact]
    public void A_multilingual_f16_model_passes()
    {
        Assert.Null(WhisperModelFile.Problem(model));
    }

    [Fact]
    public void A_missing_file_is_named_as_missing()
    {
        Assert.Equal("the file does not exist", WhisperModelFile.Problem(model + ".missing"));
    }

    [Fact]
    public void A_file_that_is_not_ggml_has_a_bad_magic()
    {
        Assert.Contains("bad magic", WhisperModelFile.Problem(Other("<html>not found</html>"u8.ToArray())));
        Assert.Contains("bad magic", WhisperModelFile.Problem(Other([])));
    }

    [Fact]
    public void A_truncated_header_or_vocabulary_is_truncated()
    {
        var bytes = File.ReadAllBytes(model);

        Assert.Equal("the file is truncated", WhisperModelFile.Problem(Other(bytes[..20])));
        Assert.Equal("the file is truncated", WhisperModelFile.Problem(Other(bytes[..200_000])));
        Assert.Equal("the file is truncated", WhisperModelFile.Problem(Other(bytes[..(bytes.Length - 1)])));
    }

    [Fact]
    public void An_english_only_model_is_refused_for_hebrew()
    {
        var bytes = File.ReadAllBytes(model);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(SyntheticWhisperModel.VocabularyOffset), 51864);

        Assert.Contains("English-only", WhisperModelFile.Problem(Other(bytes)));
    }

    [Fact]
    public void F32_weights_are_refused_before_the_runtime_can_abort_on_them()
    {
        var bytes = File.ReadAllBytes(model);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(SyntheticWhisperModel.FtypeOffset), SyntheticWhisperModel.F32);

        Assert.Contains("F32", WhisperModelFile.Problem(Other(bytes)));
    }

    [Fact]
    public void A_file_missing_whole_tensors_is_incomplete()
    {
        // Cut right after the encoder's positional embedding (the first tensor): whole records, but too few.
        var bytes = File.ReadAllBytes(model);
        var name = "encoder.positional_embedding"u8;
        var end = bytes.AsSpan().IndexOf(name) + name.Length + 64 * 1500 * sizeof(float);

        Assert.Equal("it has 1 tensors where the model needs 167 (the file is incomplete)", WhisperModelFile.Problem(Other(bytes[..end])));
    }

    [Fact]
    public void A_vocabulary_without_the_space_token_is_refused()
    {
        var path = SyntheticWhisperModel.WriteTemporary(spaceToken: false);
        others.Add(path);

        Assert.Equal("its vocabulary has no space token", WhisperModelFile.Problem(path));
    }

    private string Other(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentlocator-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        others.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in others.Append(model))
        {
            File.Delete(path);
        }
    }
}
