using System.Buffers.Binary;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>The silence and length check that keeps silent recordings away from Whisper.</summary>
public sealed class RecordingLevelsTests
{
    private static readonly TimeSpan ThreeSeconds = TimeSpan.FromSeconds(3);

    [Fact]
    public void Speech_has_its_length_and_is_not_silent()
    {
        var level = RecordingLevels.Inspect(new RecordingAudio(FakeAudio.SpeechWav(ThreeSeconds), "audio/x-wav"));

        Assert.Equal(3.0, level.DurationSeconds!.Value, precision: 3);
        Assert.False(level.IsSilent);
        Assert.InRange(level.PeakLevel!.Value, 0.1, 1.0);
        Assert.Equal(3.0, level.VoicedSeconds!.Value, precision: 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.001)] // a phone line's hiss, about -60 dBFS
    [InlineData(0.005)]
    public void Silence_and_line_hiss_are_silent(double noiseLevel)
    {
        var level = RecordingLevels.Inspect(FakeAudio.SilenceWav(ThreeSeconds, noiseLevel));

        Assert.Equal(3.0, level.DurationSeconds!.Value, precision: 3);
        Assert.True(level.IsSilent);
    }

    [Fact]
    public void A_single_click_in_silence_is_still_silent()
    {
        var samples = FakeAudio.SilenceSamples(ThreeSeconds);
        samples[12000] = short.MaxValue;
        samples[12001] = short.MinValue;

        var level = RecordingLevels.Inspect(FakeAudio.Wav(samples));

        Assert.True(level.IsSilent);
        Assert.True(level.PeakLevel > 0.9);
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(300, false)] // a short "כן" is a word
    public void A_short_burst_of_speech_counts_only_when_it_is_word_long(int milliseconds, bool silent)
    {
        var samples = FakeAudio.SilenceSamples(ThreeSeconds, 0.001);
        FakeAudio.SpeechSamples(TimeSpan.FromMilliseconds(milliseconds)).CopyTo(samples, 8000);

        Assert.Equal(silent, RecordingLevels.Inspect(FakeAudio.Wav(samples)).IsSilent);
    }

    [Fact]
    public void Mu_law_recordings_are_read()
    {
        var speech = RecordingLevels.Inspect(FakeAudio.MuLawWav(FakeAudio.SpeechSamples(TimeSpan.FromSeconds(2))));
        var silence = RecordingLevels.Inspect(FakeAudio.MuLawWav(FakeAudio.SilenceSamples(TimeSpan.FromSeconds(2), 0.001)));

        Assert.Equal(2.0, speech.DurationSeconds!.Value, precision: 3);
        Assert.False(speech.IsSilent);
        Assert.Equal(2.0, silence.DurationSeconds!.Value, precision: 3);
        Assert.True(silence.IsSilent);
    }

    [Fact]
    public void Eight_bit_pcm_is_read_around_its_midpoint()
    {
        var silence = Riff(format: 1, channels: 1, sampleRate: 8000, bits: 8, Enumerable.Repeat((byte)128, 16000).ToArray());
        var tone = Riff(format: 1, channels: 1, sampleRate: 8000, bits: 8,
            Enumerable.Range(0, 16000).Select(i => (byte)(128 + 60 * Math.Sin(2 * Math.PI * 200 * i / 8000.0))).ToArray());

        Assert.True(RecordingLevels.Inspect(silence).IsSilent);
        Assert.Equal(2.0, RecordingLevels.Inspect(silence).DurationSeconds);
        Assert.False(RecordingLevels.Inspect(tone).IsSilent);
    }

    [Fact]
    public void A_constant_offset_is_not_sound()
    {
        var offset = Enumerable.Repeat((short)3000, 16000).ToArray();

        Assert.True(RecordingLevels.Inspect(FakeAudio.Wav(offset)).IsSilent);
    }

    [Fact]
    public void Stereo_and_extensible_headers_give_the_right_length()
    {
        var stereo = Riff(format: 1, channels: 2, sampleRate: 16000, bits: 16, new byte[16000 * 4]);
        var extensible = Riff(format: 0xFFFE, channels: 1, sampleRate: 8000, bits: 16, new byte[8000 * 2], subFormat: 1);

        Assert.Equal(1.0, RecordingLevels.Inspect(stereo).DurationSeconds);
        Assert.True(RecordingLevels.Inspect(stereo).IsSilent);
        Assert.Equal(1.0, RecordingLevels.Inspect(extensible).DurationSeconds);
        Assert.True(RecordingLevels.Inspect(extensible).IsSilent);
    }

    [Fact]
    public void A_truncated_or_unfinished_wav_is_measured_by_what_arrived()
    {
        var wav = FakeAudio.SpeechWav(ThreeSeconds);
        var truncated = wav[..(44 + 8000 * 2)];
        var unfinished = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(unfinished.AsSpan(40), 0);

        Assert.Equal(1.0, RecordingLevels.Inspect(truncated).DurationSeconds!.Value, precision: 3);
        Assert.Equal(3.0, RecordingLevels.Inspect(unfinished).DurationSeconds!.Value, precision: 3);
        Assert.False(RecordingLevels.Inspect(unfinished).IsSilent);
    }

    [Fact]
    public void A_known_but_unread_encoding_has_a_length_and_is_not_called_silent()
    {
        var float32 = Riff(format: 3, channels: 1, sampleRate: 8000, bits: 32, new byte[8000 * 4]);

        var level = RecordingLevels.Inspect(float32);

        Assert.Equal(1.0, level.DurationSeconds);
        Assert.False(level.IsSilent);
    }

    [Fact]
    public void Mp3_and_garbage_are_unknown_and_never_silent()
    {
        Assert.Equal(RecordingLevel.Unknown, RecordingLevels.Inspect(FakeAudio.SilentMp3()));
        Assert.Equal(RecordingLevel.Unknown, RecordingLevels.Inspect([]));
        Assert.Equal(RecordingLevel.Unknown, RecordingLevels.Inspect("RIFF....WAVEjunk"u8));
        Assert.Equal(RecordingLevel.Unknown, RecordingLevels.Inspect(new byte[1000]));
        Assert.False(RecordingLevel.Unknown.IsSilent);
        Assert.Null(RecordingLevel.Unknown.DurationSeconds);
    }

    private static byte[] Riff(ushort format, ushort channels, int sampleRate, ushort bits, byte[] data, ushort? subFormat = null)
    {
        var blockAlign = (ushort)(channels * bits / 8);
        var formatSize = subFormat is null ? 16 : 40;
        var wav = new byte[12 + 8 + formatSize + 8 + data.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(wav.Length - 8));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)formatSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], format);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], bits);
        if (subFormat is { } code)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[44..], code);
        }
        var offset = 20 + formatSize;
        "data"u8.CopyTo(span[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], (uint)data.Length);
        data.CopyTo(span[(offset + 8)..]);
        return wav;
    }
}
