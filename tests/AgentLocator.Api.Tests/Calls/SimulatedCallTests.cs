using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.CallSimulator;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The developer's call simulator, run in-process against the real API over HTTP: a whole call, as Twilio plays it.</summary>
public static class SimulatedCall
{
    public static Task<SimulationResult> RunAsync(AgentLocatorApiFactory api, TwilioCaller caller, params CallerTurn[] turns) =>
        RunAsync(api, caller, HangUpOrder.RecordingFirst, turns);

    public static async Task<SimulationResult> RunAsync(AgentLocatorApiFactory api, TwilioCaller caller, HangUpOrder hangUpOrder, params CallerTurn[] turns)
    {
        var configuration = api.Services.GetRequiredService<IConfiguration>();
        var output = new StringWriter();
        var result = await new CallSimulation().RunAsync(new SimulationOptions
        {
            Api = api.ServerAddress,
            PublicHost = configuration["Public:Host"],
            AuthToken = configuration["Twilio:AuthToken"]!,
            CallSid = caller.CallSid,
            From = caller.From,
            To = caller.To,
            Turns = turns,
            HangUpOrder = hangUpOrder,
            // Serve the recordings until the API has fetched them (it does so in the background).
            RecordingDownloadWait = TimeSpan.FromSeconds(5),
        }, output);
        Assert.True(result.Succeeded, result.FailureReason + "\n" + output);
        return result;
    }
}

public sealed class SimulatedCallWithProvidersTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>
{
    [Fact]
    public async Task The_simulator_plays_a_two_turn_call_with_replies_and_the_call_is_summarized()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        var voice = new CallerTurn(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)));

        var result = await SimulatedCall.RunAsync(api, caller, voice, voice);

        Assert.Equal(2, result.RecordingsPosted);
        static bool IsHold(string url) => url.Contains("/media/hold", StringComparison.Ordinal);
        Assert.Contains(result.PlayedUrls, IsHold);
        Assert.Equal(2, result.PlayedUrls.Count(url => !IsHold(url) && url.Contains("/media/", StringComparison.Ordinal)));
        var call = await api.ProcessedAsync(caller);
        Assert.Equal((CallDisposition.Message, CallStatus.Completed), (call.Disposition, call.Status));
        Assert.NotNull(call.Summary);
        Assert.All(await api.TurnsAsync(caller), turn => Assert.Equal(TurnState.Ready, turn.State));
    }

    [Theory]
    [InlineData(HangUpOrder.RecordingFirst)]
    [InlineData(HangUpOrder.StatusFirst)]
    [InlineData(HangUpOrder.Together)]
    [InlineData(HangUpOrder.StarAfterCompleted)]
    public async Task Each_hang_up_order_the_simulator_plays_leaves_one_task_with_the_message(HangUpOrder order)
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();

        await SimulatedCall.RunAsync(api, caller, order, new CallerTurn(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)), HangsUp: true));

        var call = await api.CurrentOutcomeAsync(caller, turns: 1);
        Assert.Equal((CallDisposition.Message, CallStatus.Completed), (call.Disposition, call.Status));
        Assert.NotNull(call.Summary);
        await using var db = api.CreateDbContext();
        var task = Assert.Single(await db.Tasks.IgnoreQueryFilters().Where(t => t.CustomerId == call.CustomerId).ToListAsync());
        Assert.Contains(FakeOpenAI.DefaultTranscript, task.Notes);
    }
}

[Collection(ApiCollection.Name)]
public sealed class SimulatedCallWithoutProvidersTests(AgentLocatorApiFactory api)
{
    [Fact]
    public async Task The_simulator_plays_a_call_with_no_keys_and_hears_the_fallback()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();

        var result = await SimulatedCall.RunAsync(api, caller, new CallerTurn(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3))));

        Assert.Contains(CallGreetings.DefaultFallbackMessage, result.SpokenTexts);
        var call = await api.ProcessedAsync(caller);
        Assert.NotNull(call.FollowUpTaskId);
        Assert.Equal(TurnState.NotConfigured, Assert.Single(await api.TurnsAsync(caller)).State);
    }

    [Fact]
    public async Task The_simulator_hears_a_second_prompt_when_the_caller_says_nothing()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();

        var result = await SimulatedCall.RunAsync(api, caller, CallerTurn.Nothing, CallerTurn.Nothing);

        Assert.Equal(0, result.RecordingsPosted);
        var call = await api.ProcessedAsync(caller);
        Assert.Equal(CallDisposition.NoMessage, call.Disposition);
    }
}
