namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>One synthetic model file for a test class, deleted after it.</summary>
public sealed class SyntheticModelFixture : IDisposable
{
    public string Path { get; } = SyntheticWhisperModel.WriteTemporary();

    public void Dispose() => File.Delete(Path);
}
