using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>The embedded default: no keys, and every stage says so instead of failing at the first call.</summary>
public sealed class UnconfiguredProvidersTests
{
    private static readonly CallerContext Caller = new(null, "+972541234567", null, NewLead: true, []);

    [Fact]
    public async Task Without_keys_ai_and_speech_report_not_configured_and_refuse_to_run()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?>());

        Assert.False(host.Transcriber.IsConfigured);
        Assert.False(host.Replies.IsConfigured);
        Assert.False(host.Speech.IsConfigured);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Transcriber.TranscribeAsync(new RecordingAudio([1], "audio/wav"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Replies.WriteReplyAsync(new ReplyRequest("b", "p", Caller, [], "t"), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Replies.SummarizeAsync(new SummaryRequest("b", Caller, []), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Speech.SynthesizeAsync("שלום", CancellationToken.None));
    }

    [Fact]
    public async Task The_host_starts_without_keys_and_says_which_stages_are_off()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?>());

        await host.Host.StartAsync();
        await host.Host.StopAsync();

        var report = Assert.Single(host.Logs.Lines, line => line.Text.Contains("Call providers:"));
        Assert.Contains("transcription off", report.Text);
        Assert.Contains("<Say>", report.Text);
    }

    [Fact]
    public async Task A_malformed_openai_endpoint_stops_the_start_with_its_name()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["OpenAI:ApiKey"] = "sk-x", ["OpenAI:Endpoint"] = "localhost:1234" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("OPENAI_BASE_URL", failure.Message);
    }

    [Fact]
    public void Openai_base_url_is_an_alias_of_the_endpoint()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = "http://127.0.0.1:1234/v1" });

        configuration.AddEnvironmentAliases();

        Assert.Equal("http://127.0.0.1:1234/v1", configuration["OpenAI:Endpoint"]);
    }

    [Fact]
    public async Task The_options_have_the_documented_defaults()
    {
        await using var host = ProviderHost.Create(new Dictionary<string, string?> { ["OpenAI:ApiKey"] = "sk-x" });
        var options = host.Host.Services.GetRequiredService<IOptions<OpenAIOptions>>().Value;

        Assert.Equal("whisper-1", options.TranscriptionModel);
        Assert.Equal("gpt-4o-mini", options.ChatModel);
        Assert.Equal(20, options.TimeoutSeconds);
        Assert.True(host.Transcriber.IsConfigured);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Level >= LogLevel.Warning);
    }
}
