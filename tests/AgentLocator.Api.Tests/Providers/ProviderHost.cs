using AgentLocator.Api.Integrations;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>
/// The call providers wired exactly as the API wires them (each integration's <c>Add…()</c>, the transcriber choice and
/// the start-up report), from the given settings only:
/// no appsettings and no environment, so a developer's own OPENAI_API_KEY cannot leak into a test.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private ProviderHost(IHost host, InMemoryMediaStore media, CapturedLogs logs)
    {
        Host = host;
        Media = media;
        Logs = logs;
    }

    public IHost Host { get; }

    public InMemoryMediaStore Media { get; }

    public CapturedLogs Logs { get; }

    public ICallRecordingSource Recordings => Host.Services.GetRequiredService<ICallRecordingSource>();

    public ICallTranscriber Transcriber => Host.Services.GetRequiredService<ICallTranscriber>();

    public ICallReplyWriter Replies => Host.Services.GetRequiredService<ICallReplyWriter>();

    public ISpeechSynthesizer Speech => Host.Services.GetRequiredService<ISpeechSynthesizer>();

    /// <summary>Settings pointing every provider at <paramref name="fakes"/>, with <paramref name="overrides"/> on top (null removes).</summary>
    public static ProviderHost For(FakeProviders.FakeProviders fakes, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>(fakes.Configuration);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return Create(settings, services);
    }

    public static ProviderHost Create(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        var media = new InMemoryMediaStore();
        builder.Services.AddSingleton<IMediaStore>(media);
        builder.AddTwilio();
        builder.AddOpenAI();
        builder.AddWhisper();
        builder.AddGoogleTts();
        builder.AddTranscriberChoice();
        builder.Services.AddHostedService<CallProvidersReport>();
        services?.Invoke(builder.Services);
        return new ProviderHost(builder.Build(), media, logs);
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        return ValueTask.CompletedTask;
    }
}
