using System.Text.Json;
using AgentLocator.Api.Integrations.WebPush;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class DevelopmentVapidKeyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vapid-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private sealed class Environment(string name, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "AgentLocator.Api";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void Development_generates_a_pair_once_keeps_it_owner_only_and_reuses_it_on_the_next_start()
    {
        var keyFile = Path.Combine(directory, ".agentlocator", "vapid-development.json");
        var options = new VapidOptions { DevelopmentKeyFile = keyFile };
        var development = new Environment(Environments.Development, directory);

        using var firstStart = VapidKeysLoader.Load(options, development);
        var written = File.ReadAllText(keyFile);
        using var secondStart = VapidKeysLoader.Load(options, development);

        Assert.NotNull(firstStart);
        Assert.Equal(firstStart.PublicKeyBase64Url, secondStart!.PublicKeyBase64Url);
        Assert.Equal(written, File.ReadAllText(keyFile));
        Assert.Equal(firstStart.PublicKeyBase64Url, JsonDocument.Parse(written).RootElement.GetProperty("publicKey").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(keyFile)!));
    }

    [Fact]
    public void Starts_racing_to_create_the_file_all_end_up_with_the_same_pair()
    {
        var keyFile = Path.Combine(directory, "race", "vapid-development.json");

        var keys = Enumerable.Range(0, 8).AsParallel().Select(_ => DevelopmentVapidKeyFile.LoadOrCreate(keyFile)).ToList();

        Assert.Single(keys.Select(k => k.PublicKeyBase64Url).Distinct());
        keys.ForEach(k => k.Dispose());
    }

    [Fact]
    public void The_default_key_file_is_under_the_repository_root_or_else_the_content_root()
    {
        var project = Directory.CreateDirectory(Path.Combine(directory, "repo", "AgentLocator.Api")).FullName;
        Assert.Equal(Path.Combine(directory, "repo", "AgentLocator.Api", ".agentlocator", "vapid-development.json"),
            DevelopmentVapidKeyFile.DefaultPath(project));

        File.WriteAllText(Path.Combine(directory, "repo", "AgentLocator.sln"), "");
        Assert.Equal(Path.Combine(directory, "repo", ".agentlocator", "vapid-development.json"), DevelopmentVapidKeyFile.DefaultPath(project));
    }

    [Fact]
    public void Outside_Development_nothing_is_generated_and_a_half_configured_pair_is_refused()
    {
        var production = new Environment(Environments.Production, directory);

        Assert.Null(VapidKeysLoader.Load(new VapidOptions(), production));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        using var keys = VapidKeys.Generate();
        Assert.Throws<InvalidVapidSettingsException>(() => VapidKeysLoader.Load(new VapidOptions { PublicKey = keys.PublicKeyBase64Url }, production));
    }
}
