using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Integrations.GoogleTts;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.Grains.Calls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Configuration;

/// <summary>How durations and ranged settings are read, and that a value outside its range names its key.</summary>
public sealed class DurationSettingTests
{
    [Theory]
    [InlineData("4", 4_000)]
    [InlineData("4s", 4_000)]
    [InlineData(" 4 s ", 4_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("2min", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:04", 4_000)]
    [InlineData("00:00:00.050", 50)]
    public void A_duration_is_seconds_a_unit_or_the_clock_form(string text, double milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("four")]
    [InlineData("4x")]
    [InlineData("4 days")]
    [InlineData("-4")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData("4:")]
    public void Anything_else_is_refused_rather_than_guessed(string text) =>
        Assert.False(Durations.TryParse(text, out _));

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void A_reply_wait_over_the_webhook_budget_is_named_with_its_range()
    {
        var problem = Assert.Single(SettingLimits.FindProblems(Settings(("Calls:ReplyWait", "9s"))));

        Assert.StartsWith("Calls__ReplyWait is \"9s\"", problem);
        Assert.Contains("from 1 s to 8 s", problem);
    }

    [Theory]
    [InlineData("Calls:ReplyWait", "4")]
    [InlineData("Calls:ReplyWait", "00:00:08")]
    [InlineData("Calls:MaxTurns", "10")]
    [InlineData("Calls:ReplyAttempts", "1")]
    [InlineData("Calls:MinRecordingSeconds", "0.5")]
    [InlineData("Calls:FinishWait", "2m")]
    [InlineData("Calls:ReconcileInterval", "5m")]
    [InlineData("Calls:RecordingDownloadAttempts", "5")]
    [InlineData("Alerts:SweepInterval", "00:00:02")]
    [InlineData("Orleans:AdvertisedAddress", "10.0.0.5")]
    [InlineData("Public:Host", "https://crm.example.com")]
    public void Values_within_range_pass(string key, string value) =>
        Assert.Empty(SettingLimits.FindProblems(Settings((key, value))));

    [Theory]
    [InlineData("Calls:ReplyWait", "4d", "Calls__ReplyWait")]
    [InlineData("Calls:ReplyWait", "00:00:09", "Calls__ReplyWait")]
    [InlineData("Calls:ReplyWait", "0.5", "Calls__ReplyWait")]
    [InlineData("Calls:MaxTurns", "11", "Calls__MaxTurns")]
    [InlineData("Calls:MaxTurns", "three", "Calls__MaxTurns")]
    [InlineData("Calls:ReplyAttempts", "0", "Calls__ReplyAttempts")]
    [InlineData("Calls:ReplyAttempts", "6", "Calls__ReplyAttempts")]
    [InlineData("Calls:MinRecordingSeconds", "-1", "Calls__MinRecordingSeconds")]
    [InlineData("Calls:FinishWait", "10m", "Calls__FinishWait")]
    [InlineData("Calls:ReconcileInterval", "0", "Calls__ReconcileInterval")]
    [InlineData("Calls:RecordingDownloadAttempts", "0", "Calls__RecordingDownloadAttempts")]
    [InlineData("Alerts:SweepInterval", "soon", "Alerts__SweepInterval")]
    [InlineData("Auth:AccessTokenLifetime", "15", "Auth__AccessTokenLifetime")]
    [InlineData("WebPush:MaxRetries", "99", "WebPush__MaxRetries")]
    [InlineData("OpenAI:TimeoutSeconds", "0", "OpenAI__TimeoutSeconds")]
    [InlineData("OpenAI:Endpoint", "localhost:1234", "OPENAI_BASE_URL (OpenAI__Endpoint)")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans__SiloPort")]
    [InlineData("Orleans:AdvertisedAddress", "my-host", "Orleans__AdvertisedAddress")]
    [InlineData("Public:Host", "crm.example.com", "PUBLIC_HOST (Public__Host)")]
    public void Values_outside_their_rule_are_named(string key, string value, string named)
    {
        var problem = Assert.Single(SettingLimits.FindProblems(Settings((key, value))));

        Assert.StartsWith($"{named} is \"{value}\": give ", problem);
    }

    [Fact]
    public void Options_read_a_plain_number_as_seconds_not_days()
    {
        using var services = OptionsFrom(("Calls:ReplyWait", "4"), ("Calls:FinishWait", "90s"), ("Calls:MaxTurns", "2"));

        var options = services.GetRequiredService<IOptions<CallPipelineOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(4), options.ReplyWait);
        Assert.Equal(TimeSpan.FromSeconds(90), options.FinishWait);
        Assert.Equal(2, options.MaxTurns);
        Assert.Equal(3, options.ReplyAttempts);
    }

    [Fact]
    public void Options_refuse_a_value_outside_its_range_with_the_key_named()
    {
        using var services = OptionsFrom(("Calls:ReplyWait", "4d"));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CallPipelineOptions>>().Value);

        Assert.Contains("Calls__ReplyWait is \"4d\"", refused.Message);
    }

    [Fact]
    public void A_loose_duration_is_read_the_same_way_and_refused_the_same_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Settings(("Calls:ReconcileInterval", "30")).GetDuration("Calls:ReconcileInterval", TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromMinutes(5), Settings().GetDuration("Calls:ReconcileInterval", TimeSpan.FromMinutes(5)));
        var refused = Assert.Throws<InvalidSettingsException>(() => Settings(("Calls:ReconcileInterval", "4 days")).GetDuration("Calls:ReconcileInterval", TimeSpan.FromMinutes(5)));
        Assert.Contains("Calls__ReconcileInterval", refused.Message);
    }

    /// <summary>Every number and duration an option class binds has a range, so a new one cannot slip in unchecked.</summary>
    [Fact]
    public void Every_number_and_duration_of_the_bound_options_has_a_rule()
    {
        (Type Options, string Section)[] bound =
        [
            (typeof(CallPipelineOptions), "Calls"), (typeof(AuthOptions), AuthOptions.SectionName),
            (typeof(WebPushOptions), WebPushOptions.SectionName), (typeof(OpenAIOptions), OpenAIOptions.SectionName),
            (typeof(GoogleSpeechOptions), GoogleSpeechOptions.SectionName), (typeof(WhisperOptions), WhisperOptions.SectionName),
            (typeof(OrleansSettings), OrleansSettings.SectionName),
        ];
        var unranged = bound
            .SelectMany(options => options.Options.GetProperties()
                .Where(property => property.SetMethod is { IsPublic: true })
                .Where(property => property.PropertyType == typeof(TimeSpan) || property.PropertyType == typeof(int) || property.PropertyType == typeof(double))
                .Select(property => options.Section + ":" + property.Name))
            .Where(key => SettingLimits.Find(key) is null);

        Assert.Empty(unranged);
    }

    private static ServiceProvider OptionsFrom(params (string Key, string Value)[] values)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Settings(values));
        services.AddOptions<CallPipelineOptions>().BindSettings("Calls");
        return services.BuildServiceProvider();
    }
}
