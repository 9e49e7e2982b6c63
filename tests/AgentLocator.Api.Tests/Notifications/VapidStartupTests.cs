using AgentLocator.Api.Integrations.WebPush;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Notifications;

public sealed class VapidStartupTests
{
    [Fact]
    public async Task A_mismatched_VAPID_pair_stops_the_start_with_a_clear_message_that_never_prints_the_private_key()
    {
        using var first = VapidKeys.Generate();
        using var second = VapidKeys.Generate();
        var privateKey = second.ExportPrivateKeyBase64Url();

        var (exitCode, output) = await ApiProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["VAPID_PUBLIC_KEY"] = first.PublicKeyBase64Url,
            ["VAPID_PRIVATE_KEY"] = privateKey,
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not a key pair", output);
        Assert.DoesNotContain(privateKey, output);
    }
}
