using System.Buffers.Binary;
using AgentLocator.Api.Calls.Media;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The generated hold audio and the reading of an uploaded clip's length, without a server.</summary>
public sealed class HoldAudioTests
{
    private static HoldAudio For(TimeSpan replyWait) => new(Options.Create(new CallPipelineOptions { ReplyWait = replyWait }));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7.5)]
    public void One_hold_step_covers_the_reply_wait_and_a_margin(double waitSeconds)
    {
        var wait = TimeSpan.FromSeconds(waitSeconds);
        var hold = For(wait);

        Assert.True(hold.Step >= wait + HoldAudio.Margin, $"step {hold.Step} for a wait of {wait}");
        Assert.Equal(hold.Step.TotalSeconds, AudioLength.Seconds(hold.Wav, "audio/wav")!.Value, precision: 3);
    }

    [Theory]
    [InlineData(1, null, 1)]     // a wait shorter than the first step: the wait, over before the clip ends
    [InlineData(4, null, 3)]     // the 2 s first clip, then at most a second of quiet
    [InlineData(8, 1.5, 4)]      // a 1.5 s business clip plays twice (3 s), then at most a second of quiet
    [InlineData(4, 6.0, 4)]      // a long business clip covers the whole wait
    public void The_first_hold_step_is_short_and_its_reply_request_waits_at_most_a_second_after_it(double waitSeconds, double? clipSeconds, double expected)
    {
        var wait = TimeSpan.FromSeconds(waitSeconds);

        Assert.Equal(TimeSpan.FromSeconds(expected), HoldTiming.ReplyWaitOf(1, wait, clipSeconds));
        Assert.Equal(wait, HoldTiming.ReplyWaitOf(2, wait, clipSeconds));
        Assert.Equal(HoldTiming.FirstStep.TotalSeconds, AudioLength.Seconds(For(wait).FirstStepWav, "audio/wav")!.Value, precision: 3);
    }

    [Fact]
    public void The_generated_clip_has_no_quiet_stretch()
    {
        var wav = For(TimeSpan.FromSeconds(4)).Wav;
        var samples = Samples(wav);

        // Outside the few milliseconds of fade at each end, every 50 ms window is clearly audible.
        const int window = HoldAudio.SampleRate / 20;
        var quietest = double.MaxValue;
        for (var start = window; start + window <= samples.Length - window; start += window / 2)
        {
            var sum = 0.0;
            for (var i = start; i < start + window; i++)
            {
                sum += (double)samples[i] * samples[i];
            }
            quietest = Math.Min(quietest, Math.Sqrt(sum / window) / short.MaxValue);
        }
        Assert.True(quietest > 0.03, $"the quietest 50 ms has RMS {quietest:0.000} of full scale");
        Assert.True(samples.Max(s => Math.Abs((int)s)) < short.MaxValue * 0.5, "soft, not loud");
    }

    [Theory]
    [InlineData(5, 1.5, 4)]
    [InlineData(5, 5, 1)]
    [InlineData(5, 4.99, 2)]
    [InlineData(5, 18, 1)]
    public void A_business_clip_loops_until_it_fills_one_step(double stepSeconds, double clipSeconds, int loops)
    {
        var hold = For(TimeSpan.FromSeconds(stepSeconds) - HoldAudio.Margin);

        Assert.Equal(loops, hold.LoopsFor(clipSeconds, attempt: 2));
        Assert.True(hold.LoopsFor(clipSeconds, attempt: 2) * clipSeconds >= hold.Step.TotalSeconds);
    }

    [Fact]
    public void Lengths_are_read_from_wav_and_mp3_headers()
    {
        Assert.Equal(2.5, AudioLength.Seconds(FakeAudio.SpeechWav(TimeSpan.FromSeconds(2.5)), "audio/wav")!.Value, precision: 3);
        Assert.Equal(3.0, AudioLength.Seconds(FakeAudio.MuLawWav(FakeAudio.SpeechSamples(TimeSpan.FromSeconds(3))), "audio/wav")!.Value, precision: 3);
        // 200 frames of 1,152 samples at 44.1 kHz.
        Assert.Equal(200 * 1152 / 44100.0, AudioLength.Seconds(FakeAudio.SilentMp3(200), "audio/mpeg")!.Value, precision: 6);
        var tagged = new byte[10 + 300].Concat(FakeAudio.SilentMp3(40)).ToArray();
        "ID3"u8.CopyTo(tagged);
        tagged[3] = 4;
        tagged[8] = 300 >> 7;
        tagged[9] = 300 & 0x7F;
        Assert.Equal(40 * 1152 / 44100.0, AudioLength.Seconds(tagged, "audio/mpeg")!.Value, precision: 6);
    }

    [Fact]
    public void A_file_whose_structure_cannot_be_read_has_no_length()
    {
        var headerOnly = FakeAudio.SpeechWav(TimeSpan.FromSeconds(1))[..12];
        var garbageMp3 = new byte[] { 0xFF, 0xFB, 0xF0, 0x00, 1, 2, 3 };

        Assert.Null(AudioLength.Seconds(headerOnly, "audio/wav"));
        Assert.Null(AudioLength.Seconds(garbageMp3, "audio/mpeg"));
        Assert.Null(AudioLength.Seconds("ID3garbage"u8, "audio/mpeg"));
    }

    private static short[] Samples(byte[] wav)
    {
        var data = wav.AsSpan(44);
        var samples = new short[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(i * 2)..]);
        }
        return samples;
    }
}
