using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>
/// The API with every outside service switched on and pointed at local fakes that speak OpenAI's, Google's and
/// Twilio's wire formats. The reply loop is shortened (1 s waits, 2 attempts, 2 turns) so its bounds are quick to reach.
/// </summary>
public class CallPipelineFixture : AgentLocatorApiFactory
{
    public FakeProviders.FakeProviders Fakes { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Fakes = await FakeProviders.FakeProviders.StartAsync();
        foreach (var (key, value) in Fakes.Configuration)
        {
            // The fake's Twilio token is unset: the API keeps its development token, which also signs the webhooks.
            if (value is not null && key != "Twilio:AuthToken")
            {
                WithSetting(key, value);
            }
        }
        WithSetting("Calls:ReplyWait", "00:00:01");
        WithSetting("Calls:ReplyAttempts", "2");
        WithSetting("Calls:MaxTurns", "2");
        WithSetting("Calls:RecordingDownloadAttempts", "3");
        // Few workers, so a test can hold every one of them and see the turns queue behind.
        WithSetting("Calls:PipelineConcurrency", "2");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Fakes.DisposeAsync();
    }
}
