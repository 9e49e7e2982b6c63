using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>Whole call turns through real HTTP, with the AI providers on (local fakes of their real wire formats).</summary>
public sealed partial class CallPipelineTests(CallPipelineFixture api) : IClassFixture<CallPipelineFixture>, IDisposable
{
    private FakeProviders.FakeProviders Fakes => api.Fakes;

    public void Dispose() => Fakes.Reset();

    /// <summary>Speech is cached by text across the fixture: a reply of its own makes a test's synthesis a real request.</summary>
    private string UniqueReply() => Fakes.OpenAI.Reply = "תודה, נחזור אליך בהקדם. " + Guid.NewGuid().ToString("N")[..6];

    private Uri Speech(double seconds = 3) => Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(seconds)));

    private Task<List<CallTurn>> TurnsAsync(TwilioCaller caller) => api.TurnsAsync(caller);

    /// <summary>
    /// Follows a hold step's redirect once the pipeline has decided the turn, as Twilio comes back only after playing the hold
    /// clip while the pipeline runs. This walk skips the clip; on a loaded machine it would come back before the (shortened)
    /// reply wait let the pipeline finish and rightly be put on hold again, which is not what these tests are about.
    /// </summary>
    private async Task<XElement> FollowOnceDecidedAsync(TwilioCaller caller, XElement hold)
    {
        var turn = int.Parse(System.Text.RegularExpressions.Regex.Match(hold.Element("Redirect")!.Value, @"[?&]turn=(\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        await api.EventuallyAsync(async () => await TurnsAsync(caller), turns => turns.Count >= turn && turns[turn - 1].State != TurnState.Pending,
            $"turn {turn} to be decided");
        return await caller.FollowAsync(hold.Element("Redirect")!);
    }

    private Task<Call> ProcessedAsync(TwilioCaller caller) => api.ProcessedAsync(caller);

    private Task<ApiClient> SignedInAsync(User admin) => api.SignedInAsync(admin);

    [Fact]
    public async Task A_message_is_transcribed_answered_spoken_and_summarized_with_a_follow_up_task()
    {
        var (business, admin, caller) = await api.NewBusinessCallAsync();
        var replyText = UniqueReply();
        await caller.IncomingAsync();

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        Assert.Equal(["Play", "Redirect"], TwilioCaller.Verbs(hold));
        Assert.Equal(caller.PublicHost + "/media/hold-first.wav", hold.Element("Play")!.Value);
        Assert.Equal("/webhook/call_reply?turn=1&attempt=1", hold.Element("Redirect")!.Value);
        Assert.Equal("POST", hold.Element("Redirect")!.Attribute("method")?.Value);

        var reply = await FollowOnceDecidedAsync(caller, hold);
        Assert.Equal(["Play", "Say", "Record", "Say", "Hangup"], TwilioCaller.Verbs(reply));
        var audioUrl = reply.Element("Play")!.Value;
        Assert.StartsWith(caller.PublicHost + "/media/", audioUrl);
        Assert.Equal("/webhook/handle_recording", reply.Element("Record")!.Attribute("action")?.Value);

        // What went to the providers: Hebrew forced, the business's prompt and the transcript, the reply spoken.
        Assert.Equal("he", Fakes.OpenAI.Transcriptions.Last.Language);
        var chat = Fakes.OpenAI.Chats.All.Single(c => !c.IsSummary);
        Assert.Contains(business.Name, chat.SystemPrompt + chat.LastUserMessage);
        Assert.Contains(FakeOpenAI.DefaultTranscript, chat.LastUserMessage);
        Assert.Equal(replyText, Fakes.Google.Syntheses.Last.Text);
        Assert.Equal("he-IL", Fakes.Google.Syntheses.Last.LanguageCode);

        // Twilio fetches the spoken reply from the public media URL, anonymously.
        using (var http = api.CreateClient())
        {
            using var media = await http.GetAsync(new Uri(audioUrl).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, media.StatusCode);
            Assert.Equal("audio/mpeg", media.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Fakes.Google.Audio, await media.Content.ReadAsByteArrayAsync());
        }

        await caller.StatusAsync("completed", 42);
        var call = await ProcessedAsync(caller);
        Assert.Equal((CallDisposition.Message, "appointment"), (call.Disposition, call.Intent));
        Assert.False(string.IsNullOrWhiteSpace(call.Summary));
        Assert.NotNull(call.FollowUpTaskId);
        await using (var db = api.CreateDbContext())
        {
            var task = await db.Tasks.IgnoreQueryFilters().SingleAsync(t => t.Id == call.FollowUpTaskId);
            Assert.Equal((admin.Id, call.CustomerId!.Value), (task.AssigneeId, task.CustomerId));
            Assert.Contains(FakeOpenAI.DefaultTranscript, task.Notes);
        }

        using var client = await SignedInAsync(admin);
        var detail = await client.Http.GetFromJsonAsync<CallDetailResponse>($"/api/calls/{call.Id}");
        var turn = Assert.Single(detail!.Turns);
        Assert.Equal((TurnState.Ready, FakeOpenAI.DefaultTranscript, replyText, SpokenAs.Audio),
            (turn.State, turn.Transcript, turn.Reply, turn.SpokenAs));
        Assert.Equal(["download", "check", "transcribe", "reply", "speak"], turn.Stages.Select(s => s.Stage));
        Assert.True(detail.TranscriptionConfigured);
        Assert.Equal((TranscriptionProviders.OpenAI, TranscriptionProviders.OpenAI), (detail.TranscriptionProvider, turn.TranscribedBy));
        Assert.Equal(call.FollowUpTaskId, detail.Task!.Id);

        // The player seeks: a Range request gets 206 and just those bytes.
        using var range = new HttpRequestMessage(HttpMethod.Get, turn.RecordingUrl);
        range.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await client.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.StartsWith("bytes 0-99/", partial.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Twilio_retries_leave_one_turn_one_reply_and_one_task()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var recordingSid = TwilioCaller.NewRecordingSid();
        var url = Speech();

        var answers = new List<XElement>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await caller.RecordingAsync(recordingSid, url, 3));
        }
        Assert.All(answers, a => Assert.Equal("/webhook/call_reply?turn=1&attempt=1", a.Element("Redirect")!.Value));
        var first = await FollowOnceDecidedAsync(caller, answers[0]);
        var again = await caller.FollowAsync(answers[0].Element("Redirect")!);
        Assert.Equal(first.ToString(), again.ToString());
        for (var i = 0; i < 3; i++)
        {
            await caller.StatusAsync("completed", 30);
        }

        var call = await ProcessedAsync(caller);
        Assert.Single(await TurnsAsync(caller));
        Assert.Equal(1, Fakes.OpenAI.Transcriptions.Count);
        await using var db = api.CreateDbContext();
        Assert.Equal(1, await db.Tasks.IgnoreQueryFilters().CountAsync(t => t.CustomerId == call.CustomerId));
    }

    [Fact]
    public async Task A_silent_recording_is_never_transcribed_and_the_caller_is_asked_once_more()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var silence = Fakes.Twilio.AddRecording(FakeAudio.SilenceWav(TimeSpan.FromSeconds(3)));

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), silence, 3);
        var reprompt = await FollowOnceDecidedAsync(caller, hold);
        Assert.Equal(["Say", "Record", "Say", "Hangup"], TwilioCaller.Verbs(reprompt));

        var secondHold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Fakes.Twilio.AddRecording(FakeAudio.SilenceWav(TimeSpan.FromSeconds(2))), 2);
        var goodbye = await FollowOnceDecidedAsync(caller, secondHold);
        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(goodbye));

        Assert.Equal(0, Fakes.OpenAI.Transcriptions.Count);
        Assert.All(await TurnsAsync(caller), t => Assert.Equal(TurnState.Silent, t.State));
        var call = await ProcessedAsync(caller);
        Assert.Equal(CallDisposition.NoMessage, call.Disposition);
    }

    [Fact]
    public async Task A_too_short_recording_is_asked_again_at_once_without_downloading_it()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();

        var reprompt = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 0);

        Assert.Equal(["Say", "Record", "Say", "Hangup"], TwilioCaller.Verbs(reprompt));
        Assert.Equal(0, Fakes.Twilio.Requests.Count);
        Assert.Equal(0, Fakes.OpenAI.Transcriptions.Count);
    }

    [Fact]
    public async Task When_speech_synthesis_fails_Twilio_reads_the_reply_once()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var replyText = UniqueReply();
        Fakes.Google.Faults.Status = 500;

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        var reply = await FollowOnceDecidedAsync(caller, hold);

        var say = reply.Elements().First();
        Assert.Equal(("Say", replyText), (say.Name.LocalName, say.Value));
        Assert.Equal("he-IL", say.Attribute("language")?.Value);
        var turn = Assert.Single(await TurnsAsync(caller));
        Assert.Equal(SpokenAs.Say, turn.SpokenAs);
        Assert.Contains("\"fallback\"", turn.StagesJson);
    }

    [Fact]
    public async Task A_slow_pipeline_keeps_the_caller_on_hold_a_bounded_number_of_times_then_plays_the_fallback()
    {
        var (business, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        Fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(4);

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
        var redirects = 0;
        var answer = hold;
        while (answer.Element("Redirect") is { } redirect)
        {
            Assert.True(++redirects <= 2, "The reply loop must be bounded by Calls:ReplyAttempts.");
            answer = await caller.FollowAsync(redirect);
        }

        Assert.Equal(["Say", "Hangup"], TwilioCaller.Verbs(answer));
        Assert.Equal(Grains.Calls.CallGreetings.DefaultFallbackMessage, answer.Element("Say")!.Value);
        Assert.Equal(2, redirects);
        // The work goes on: the transcript is kept, and the caller is recorded as having heard the fallback.
        var turn = await api.EventuallyAsync(async () => (await TurnsAsync(caller)).SingleOrDefault(), t => t.State != TurnState.Pending, "the slow turn");
        Assert.Equal((FakeOpenAI.DefaultTranscript, SpokenAs.Fallback), (turn.Transcript, turn.SpokenAs));
        _ = business;
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_recording_still_gets_a_transcript_and_a_task()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();

        var answer = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 4, digits: "hangup");

        Assert.Equal(["Hangup"], TwilioCaller.Verbs(answer));
        var call = await ProcessedAsync(caller);
        var turn = Assert.Single(await TurnsAsync(caller));
        Assert.Equal((FakeOpenAI.DefaultTranscript, null), (turn.Transcript, turn.Reply));
        Assert.Equal(CallDisposition.Message, call.Disposition);
        Assert.NotNull(call.FollowUpTaskId);
        Assert.DoesNotContain(Fakes.OpenAI.Chats.All, c => !c.IsSummary);
    }

    [Fact]
    public async Task After_the_last_turn_the_reply_ends_with_a_goodbye_instead_of_another_recording()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        XElement reply = null!;
        for (var turn = 1; turn <= 2; turn++)
        {
            var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), Speech(), 3);
            reply = await FollowOnceDecidedAsync(caller, hold);
        }

        Assert.Equal(["Play", "Say", "Hangup"], TwilioCaller.Verbs(reply));
        // The second reply was written knowing the first exchange.
        Assert.Contains(FakeOpenAI.DefaultReply, Fakes.OpenAI.Chats.All.Where(c => !c.IsSummary).Last().Body);
    }

    [Fact]
    public async Task A_call_with_no_message_makes_a_call_back_task_due_now()
    {
        var (business, admin, caller) = await api.NewBusinessCallAsync();
        await api.CallbacksAtOnceAsync(business);
        await caller.IncomingAsync();
        var before = DateTimeOffset.UtcNow;

        await caller.StatusAsync("completed", 8);

        var call = await ProcessedAsync(caller);
        Assert.Equal(CallDisposition.NoMessage, call.Disposition);
        await using var db = api.CreateDbContext();
        var task = await db.Tasks.IgnoreQueryFilters().SingleAsync(t => t.Id == call.FollowUpTaskId);
        Assert.StartsWith("להתקשר בחזרה", task.Title);
        Assert.Equal(admin.Id, task.AssigneeId);
        Assert.InRange(task.DueAt, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task A_missed_call_is_marked_missed_with_a_call_back_task()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();

        await caller.StatusAsync("no-answer", 0);

        var call = await ProcessedAsync(caller);
        Assert.Equal(CallDisposition.Missed, call.Disposition);
        Assert.NotNull(call.FollowUpTaskId);
    }

    [Fact]
    public async Task A_recording_that_is_not_ready_yet_is_fetched_on_a_retry()
    {
        var (_, _, caller) = await api.NewBusinessCallAsync();
        await caller.IncomingAsync();
        var url = Fakes.Twilio.AddRecording(FakeAudio.SpeechWav(TimeSpan.FromSeconds(3)), notReadyFor: 1);

        var hold = await caller.RecordingAsync(TwilioCaller.NewRecordingSid(), url, 3);
        var reply = await FollowOnceDecidedAsync(caller, hold);

        Assert.Equal("Play", reply.Elements().First().Name.LocalName);
        Assert.Equal([404, 200], Fakes.Twilio.Requests.All.Select(r => r.Status));
    }
}
