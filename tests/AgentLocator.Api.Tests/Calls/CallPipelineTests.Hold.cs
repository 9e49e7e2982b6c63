using System.Xml.Linq;
using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Calls.Webhooks;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>What the caller hears while waiting, and the words that end a call, walked as Twilio walks the TwiML.</summary>
public sealed partial class CallPipelineTests
{
    private TimeSpan ReplyWait => api.Services.GetRequiredService<IConfiguration>().GetValue<TimeSpan>("Calls:ReplyWait");

    [Fact]
    public async Task With_a_provider_answering_after_20_s_the_caller_hears_hold_audio_throughout_then_the_fallback()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        caller.AnswerLimit = TwilioCaller.TwilioAnswerLimit;
        await caller.IncomingAsync();
        Fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(20);

        var steps = new List<XElement> { await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3) };
        while (steps[^1].Element("Redirect") is { } redirect)
        {
            Assert.True(steps.Count <= 2, "The hold loop must be bounded by Calls:ReplyAttempts.");
            steps.Add(await caller.FollowAsync(redirect));
        }

        // The first hold step is short, and its reply request waits at most a moment of quiet for a nearly-ready reply;
        // every later step is sound that lasts past the reply wait, so the request after it answers without a wait: the
        // only silence is Twilio's round trip. Nothing in the walk is a pause.
        var holds = steps[..^1];
        Assert.Equal(2, holds.Count);
        var first = Assert.Single(holds[0].Elements("Play"));
        Assert.Equal(caller.PublicHost + HoldAudio.FirstStepPath, first.Value);
        var firstSound = TimeSpan.FromSeconds(await PlayedSecondsAsync(first));
        Assert.True(firstSound >= Grains.Calls.HoldTiming.FirstStep);
        Assert.True(Grains.Calls.HoldTiming.ReplyWaitOf(1, ReplyWait, null) <= firstSound + Grains.Calls.HoldTiming.LongestQuiet);
        Assert.True(Grains.Calls.HoldTiming.LongestQuiet < TimeSpan.FromSeconds(2));
        foreach (var hold in holds[1..])
        {
            var play = Assert.Single(hold.Elements("Play"));
            Assert.Equal(caller.PublicHost + HoldAudio.Path, play.Value);
            Assert.True(await PlayedSecondsAsync(play) >= (ReplyWait + HoldAudio.Margin).TotalSeconds);
        }
        Assert.All(holds, hold => Assert.Equal("Redirect", hold.Elements().Last().Name.LocalName));
        Assert.DoesNotContain(steps.SelectMany(s => s.Elements()), e => e.Name.LocalName == "Pause");
        Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(holds[0]));
        Assert.Equal(["Say", "Play", "Redirect"], TwilioCaller.Verbs(holds[1]));
        // "One moment" once, a hold step in, then the business's fallback (a message was recorded, so it may say so).
        Assert.Single(steps.SelectMany(s => s.Elements("Say")), say => say.Value == CallerPrompts.OneMoment);
        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(steps[^1]));
        Assert.Equal(Grains.Calls.CallGreetings.DefaultFallbackMessage, steps[^1].Element("Say")!.Value);

        // The slow request runs out in the background; wait for it, so it cannot spill into another test's counts.
        await WaitForAsync(async () => (await TurnsAsync(caller)).Single().State != TurnState.Pending, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Silence_twice_ends_with_no_message_received_never_thanks_for_a_message()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();

        var reprompt = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 0);
        var secondHold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(),
            Fakes.Twilio.AddRecording(FakeAudio.SilenceWav(TimeSpan.FromSeconds(2))), 2);
        var goodbye = await FollowOnceDecidedAsync(caller, secondHold);

        // Silence after the second chance, and a second silent message: both say nothing was received.
        Assert.Equal(["Say", "Record", "Say", "Hangup"], TwilioCaller.Verbs(reprompt));
        Assert.Equal(CallerPrompts.Goodbye, reprompt.Elements("Say").Last().Value);
        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(goodbye));
        Assert.Equal(CallerPrompts.Goodbye, goodbye.Element("Say")!.Value);
        Assert.DoesNotContain(new[] { reprompt, secondHold, goodbye }.SelectMany(t => t.Elements("Say")), s => s.Value == CallerPrompts.ThankYou);
    }

    [Fact]
    public async Task Silence_after_a_kept_message_still_thanks_the_caller_for_it()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        var reply = await FollowOnceDecidedAsync(caller, hold);
        Assert.Equal("Record", reply.Elements().Reverse().Skip(2).First().Name.LocalName);

        // The caller adds something too short to hear: the second chance, and if they stay silent, the message they did leave.
        var reprompt = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 0);

        Assert.Equal(["Say", "Record", "Say", "Hangup"], TwilioCaller.Verbs(reprompt));
        Assert.Equal(CallerPrompts.ThankYou, reprompt.Elements("Say").Last().Value);
    }

    [Fact]
    public async Task The_greetings_second_silence_and_a_recording_without_a_sid_say_no_message_was_received()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();

        var listenAgain = await caller.TwiMLAsync("/webhook/incoming_call?retry=1", new() { ["CallStatus"] = "in-progress" });
        var noSid = await caller.TwiMLAsync("/webhook/handle_recording", new() { ["CallStatus"] = "in-progress", ["RecordingDuration"] = "3" });

        Assert.Equal(CallerPrompts.Goodbye, listenAgain.Elements("Say").Last().Value);
        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(noSid));
        Assert.Equal(CallerPrompts.Goodbye, noSid.Element("Say")!.Value);
    }

    /// <summary>How long a &lt;Play&gt; sounds: the clip Twilio would fetch, measured from its header, times its loop count.</summary>
    private async Task<double> PlayedSecondsAsync(XElement play)
    {
        using var http = api.CreateClient();
        var clip = await http.GetByteArrayAsync(new Uri(play.Value).PathAndQuery);
        var loops = int.TryParse(play.Attribute("loop")?.Value, out var n) ? n : 1;
        return AudioLength.Seconds(clip, AudioUpload.TypeOf(clip)!)!.Value * loops;
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the slow turn to end.");
            await Task.Delay(200);
        }
    }
}
