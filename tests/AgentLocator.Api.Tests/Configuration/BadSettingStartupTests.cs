using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Configuration;

/// <summary>The built API, started as its own process with one bad setting, stops at once with one line naming it.</summary>
public sealed class BadSettingStartupTests
{
    private static readonly Dictionary<string, string?> ProductionRequired = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DATABASE_URL"] = "postgres://app:pw@127.0.0.1:5432/agentlocator",
        ["REDIS_URL"] = "redis://127.0.0.1:6379",
        ["JWT_SECRET"] = new string('s', 40),
        ["PUBLIC_HOST"] = "https://crm.example.test",
        ["TWILIO_TOKEN"] = "token",
        ["VAPID_PUBLIC_KEY"] = "public", ["VAPID_PRIVATE_KEY"] = "private",
    };

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_reply_wait_of_four_days_stops_the_start_and_names_the_key_and_its_range(string environment)
    {
        var settings = environment == "Production" ? new Dictionary<string, string?>(ProductionRequired) : new() { ["ASPNETCORE_ENVIRONMENT"] = environment };
        settings["Calls__ReplyWait"] = "4d";

        var (exitCode, output) = await ApiProcess.RunAsync(settings);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n'), line => line.Contains($"cannot start in {environment}"));
        Assert.Contains("Calls__ReplyWait is \"4d\"", line);
        Assert.Contains("from 1 s to 8 s", line);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task Several_bad_values_are_named_in_the_same_line_and_a_good_one_is_not()
    {
        var (exitCode, output) = await ApiProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Calls__ReplyWait"] = "4",
            ["Calls__MaxTurns"] = "0",
            ["Alerts__SweepInterval"] = "fast",
        });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n'), line => line.Contains("cannot start in Development"));
        Assert.Contains("Calls__MaxTurns is \"0\"", line);
        Assert.Contains("Alerts__SweepInterval is \"fast\"", line);
        Assert.DoesNotContain("ReplyWait", line);
    }
}
