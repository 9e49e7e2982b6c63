using System.Diagnostics;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Calls.Pipeline;

/// <summary>What one turn's pipeline starts from.</summary>
public sealed record TurnWork(
    string CallSid,
    int Number,
    string? RecordingUrl,
    double? RecordingSeconds,
    bool HungUp,
    string BusinessName,
    string ReplyPrompt,
    CallerContext Caller,
    IReadOnlyList<ConversationTurn> Earlier);

/// <summary>What it ends with; the grain stores it on the turn.</summary>
public sealed record TurnResult(
    TurnState State,
    string? RecordingKey,
    double? RecordingSeconds,
    string? Transcript,
    string? Reply,
    SpokenAs? SpokenAs,
    string? ReplyAudioKey,
    IReadOnlyList<StageTiming> Stages);

/// <summary>
/// One caller message, stage by stage: download the recording (Twilio may not have it ready yet), keep a copy,
/// skip silence, transcribe, write a reply, speak it. Each stage that is not configured or fails ends the turn
/// with the fallback message instead of an error: the caller must always hear something.
/// </summary>
public sealed class CallTurnPipeline(
    ICallRecordingSource recordings,
    IMediaStore media,
    ICallTranscriber transcriber,
    ICallReplyWriter replies,
    ISpeechSynthesizer speech,
    ILogger<CallTurnPipeline> logger)
{
    public bool TranscriptionConfigured => transcriber.IsConfigured;

    /// <summary>The active speech-to-text (<see cref="TranscriptionProviders"/>), for the call page.</summary>
    public string TranscriptionProvider => transcriber.Provider;

    public bool CanSummarize => replies.IsConfigured;

    public Task<CallSummary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken) =>
        replies.SummarizeAsync(request, cancellationToken);

    public async Task<TurnResult> RunAsync(TurnWork work, double minRecordingSeconds, CancellationToken cancellationToken)
    {
        using var log = new StageLog(work.CallSid, work.Number);
        RecordingAudio? audio = null;
        string? recordingKey = null;
        var seconds = work.RecordingSeconds;

        var watch = Stopwatch.StartNew();
        log.Begin("download");
        if (work.RecordingUrl is null)
        {
            log.Add("download", StageTiming.Skipped, detail: "Twilio לא שלח כתובת הקלטה");
        }
        else
        {
            try
            {
                audio = await recordings.DownloadAsync(work.RecordingUrl, cancellationToken);
                recordingKey = await media.SaveAsync(MediaArea.Recordings, audio.Content, audio.ContentType, cancellationToken);
                log.Add("download", StageTiming.Ok, watch, $"{audio.Content.Length:N0} בתים");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "Recording of call {CallSid} turn {Turn} could not be downloaded", work.CallSid, work.Number);
                log.Add("download", StageTiming.Failed, watch, Describe(error));
                return new TurnResult(TurnState.Failed, null, seconds, null, null, null, null, log.Stages);
            }
        }
        if (audio is null)
        {
            return new TurnResult(TurnState.Failed, null, seconds, null, null, null, null, log.Stages);
        }

        watch.Restart();
        log.Begin("check");
        var levels = RecordingLevels.Inspect(audio);
        seconds = levels.DurationSeconds ?? seconds;
        if (levels.IsSilent || seconds < minRecordingSeconds)
        {
            log.Add("check", StageTiming.Silent, watch, levels.IsSilent ? "שקט" : $"{seconds:0.0} שניות");
            return new TurnResult(TurnState.Silent, recordingKey, seconds, null, null, null, null, log.Stages);
        }
        log.Add("check", StageTiming.Ok, watch);

        if (!transcriber.IsConfigured)
        {
            log.Add(StageTiming.TranscribeStage, StageTiming.NotConfigured);
            return new TurnResult(TurnState.NotConfigured, recordingKey, seconds, null, null, null, null, log.Stages);
        }
        string transcript;
        watch.Restart();
        log.Begin(StageTiming.TranscribeStage);
        try
        {
            transcript = (await transcriber.TranscribeAsync(audio, cancellationToken)).Trim();
            log.Add(StageTiming.TranscribeStage, transcript.Length == 0 ? StageTiming.Silent : StageTiming.Ok, watch, provider: transcriber.Provider);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Transcription of call {CallSid} turn {Turn} failed", work.CallSid, work.Number);
            log.Add(StageTiming.TranscribeStage, StageTiming.Failed, watch, Describe(error), transcriber.Provider);
            return new TurnResult(TurnState.Failed, recordingKey, seconds, null, null, null, null, log.Stages);
        }
        if (transcript.Length == 0)
        {
            return new TurnResult(TurnState.Silent, recordingKey, seconds, transcript, null, null, null, log.Stages);
        }
        if (work.HungUp)
        {
            // Nobody is left to hear a reply; the transcript is what the agent needs.
            log.Add("reply", StageTiming.Skipped, detail: "המתקשר ניתק");
            return new TurnResult(TurnState.Ready, recordingKey, seconds, transcript, null, null, null, log.Stages);
        }
        if (!replies.IsConfigured)
        {
            log.Add("reply", StageTiming.NotConfigured);
            return new TurnResult(TurnState.Ready, recordingKey, seconds, transcript, null, null, null, log.Stages);
        }

        string reply;
        watch.Restart();
        log.Begin("reply");
        try
        {
            reply = (await replies.WriteReplyAsync(
                new ReplyRequest(work.BusinessName, work.ReplyPrompt, work.Caller, work.Earlier, transcript), cancellationToken)).Trim();
            log.Add("reply", reply.Length == 0 ? StageTiming.Failed : StageTiming.Ok, watch, reply.Length == 0 ? "תשובה ריקה" : null);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Reply for call {CallSid} turn {Turn} failed", work.CallSid, work.Number);
            log.Add("reply", StageTiming.Failed, watch, Describe(error));
            return new TurnResult(TurnState.Failed, recordingKey, seconds, transcript, null, null, null, log.Stages);
        }
        if (reply.Length == 0)
        {
            return new TurnResult(TurnState.Failed, recordingKey, seconds, transcript, null, null, null, log.Stages);
        }

        if (!speech.IsConfigured)
        {
            log.Add("speak", StageTiming.NotConfigured, detail: "הוקרא בקול של Twilio");
            return new TurnResult(TurnState.Ready, recordingKey, seconds, transcript, reply, SpokenAs.Say, null, log.Stages);
        }
        watch.Restart();
        log.Begin("speak");
        try
        {
            var spoken = await speech.SynthesizeAsync(reply, cancellationToken);
            log.Add("speak", spoken.FromCache ? StageTiming.Cached : StageTiming.Ok, watch);
            return new TurnResult(TurnState.Ready, recordingKey, seconds, transcript, reply, SpokenAs.Audio, spoken.MediaKey, log.Stages);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The one fallback: Twilio's own Hebrew voice reads the same reply.
            logger.LogWarning(error, "Speech for call {CallSid} turn {Turn} failed; Twilio will read the reply", work.CallSid, work.Number);
            log.Add("speak", StageTiming.FellBack, watch, Describe(error));
            return new TurnResult(TurnState.Ready, recordingKey, seconds, transcript, reply, SpokenAs.Say, null, log.Stages);
        }
    }

    private static string Describe(Exception error) => error switch
    {
        TaskCanceledException or TimeoutException => "חרג מזמן ההמתנה",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        _ => error.GetType().Name + ": " + error.Message,
    };
}
