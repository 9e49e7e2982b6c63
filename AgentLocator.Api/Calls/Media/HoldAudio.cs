using System.Buffers.Binary;
using AgentLocator.Grains.Calls;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Calls.Media;

/// <summary>
/// What the caller hears while the reply is being prepared: soft, continuous music-like tones made here (8 kHz mono
/// PCM, the telephone's own rate) so no audio file has to ship with the product. A business may upload its own clip
/// instead (<see cref="CallSettingsApi"/>).
/// </summary>
/// <remarks>
/// The timing, so the caller never hears more than a moment of silence (Twilio plays verbs in order, and the time the
/// next webhook takes to answer is silence; see <see cref="HoldTiming"/>):
/// <list type="number">
/// <item>handle_recording answers at once: the short first step (<see cref="HoldTiming.FirstStep"/>, the built-in
/// <see cref="FirstStepPath"/> or the business's clip played once), then a redirect to call_reply. The reply wait
/// starts then, while the clip plays.</item>
/// <item>After the first step call_reply waits at most <see cref="HoldTiming.LongestQuiet"/> more for a reply that is
/// nearly ready, so a fast reply is heard about three seconds after the caller stops speaking.</item>
/// <item>Each later step opens with one "עוד רגע…" (the second step only) and plays for <see cref="Step"/> =
/// <c>Calls:ReplyWait</c> + <see cref="Margin"/>, rounded up to whole seconds: the generated clip is exactly that long;
/// a business's clip loops until it is at least that long. The reply request after it has nothing left to wait for
/// and answers at once: the reply, the next step, or after <c>Calls:ReplyAttempts</c> steps the fallback.</item>
/// </list>
/// </remarks>
public sealed class HoldAudio
{
    public const string Path = "/media/hold.wav";
    public const string FirstStepPath = "/media/hold-first.wav";
    public const int SampleRate = 8000;

    /// <summary>Hold beyond the reply wait: covers Twilio fetching and starting the clip, so the wait is over when it ends.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A reply wait above the webhook's own 10 s limit breaks calls anyway (settings refuse it); the clip is capped
    /// so such a value cannot make a huge one.
    /// </summary>
    private static readonly TimeSpan LongestStep = TimeSpan.FromSeconds(15);

    public HoldAudio(IOptions<CallPipelineOptions> options)
    {
        var seconds = Math.Ceiling((options.Value.ReplyWait + Margin).TotalSeconds);
        Step = TimeSpan.FromSeconds(Math.Clamp(seconds, 2, LongestStep.TotalSeconds));
        Wav = Build(Step);
        FirstStepWav = Build(HoldTiming.FirstStep);
    }

    /// <summary>How long one hold step plays; also the length of the generated clip.</summary>
    public TimeSpan Step { get; }

    public byte[] Wav { get; }

    /// <summary>The first step's shorter clip (<see cref="HoldTiming.FirstStep"/>).</summary>
    public byte[] FirstStepWav { get; }

    /// <summary>How long the given hold step plays: the short first step, then <see cref="Step"/>.</summary>
    public TimeSpan StepOf(int attempt) => attempt == 1 ? HoldTiming.FirstStep : Step;

    /// <summary>How many times a clip of this length plays in the given hold step.</summary>
    public int LoopsFor(double clipSeconds, int attempt) => HoldTiming.LoopsFor(clipSeconds, StepOf(attempt));

    // A slow pentatonic melody over a held open fifth: the pad never stops, each melody note fades into the next, and
    // the clip fades in and out over a few milliseconds only, so looping it gives no click and no gap.
    private static readonly double[] Melody = [440.0, 523.25, 587.33, 659.25, 587.33, 523.25, 440.0, 392.0];
    private const double NoteSeconds = 0.5;
    private const double EdgeFadeSeconds = 0.02;

    private static byte[] Build(TimeSpan length)
    {
        var samples = (int)(SampleRate * length.TotalSeconds);
        var wav = new byte[44 + samples * 2];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        var total = length.TotalSeconds;
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / SampleRate;
            var pad = 0.08 * (Math.Sin(2 * Math.PI * 220.0 * t) + 0.6 * Math.Sin(2 * Math.PI * 330.0 * t));
            var note = (int)(t / NoteSeconds);
            var intoNote = t - note * NoteSeconds;
            // Soft attack, gentle decay to a floor: the melody never drops out between notes.
            var envelope = Math.Min(1, intoNote / 0.04) * (0.45 + 0.55 * Math.Exp(-3 * intoNote));
            var melody = 0.12 * envelope * Math.Sin(2 * Math.PI * Melody[note % Melody.Length] * t);
            var edge = Math.Min(1, Math.Min(t, total - t) / EdgeFadeSeconds);
            var value = (short)(edge * (pad + melody) * short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], value);
        }
        return wav;
    }
}
