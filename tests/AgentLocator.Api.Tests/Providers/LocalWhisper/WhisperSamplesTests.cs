using System.Buffers.Binary;
using AgentLocator.Api.Integrations.Whisper;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls;

namespace AgentLocator.Api.Tests.Providers.LocalWhisper;

/// <summary>Twilio's recordings (8 kHz mono PCM or G.711) become the 16 kHz mono float samples whisper.cpp takes.</summary>
public sealed class WhisperSamplesTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void Telephone_pcm_is_upsampled_to_16_khz_keeping_pitch_and_level()
    {
        var tone = Tone(440, 0.5, TwoSeconds, FakeAudio.TelephoneSampleRate);

        var samples = WhisperSamples.FromWave(FakeAudio.Wav(tone));

        Assert.Equal(2 * WhisperSamples.SampleRate, samples.Length);
        Assert.InRange(samples.Max(), 0.49, 0.51);
        Assert.InRange(samples.Min(), -0.51, -0.49);
        // 440 Hz for two seconds crosses zero about 1,760 times, whatever the sample rate.
        Assert.InRange(ZeroCrossings(samples), 1750, 1770);
    }

    [Fact]
    public void Mu_law_and_a_law_decode_to_the_same_sound_as_pcm()
    {
        var speech = FakeAudio.SpeechSamples(TwoSeconds);
        var pcm = WhisperSamples.FromWave(FakeAudio.Wav(speech));

        var muLaw = WhisperSamples.FromWave(FakeAudio.MuLawWav(speech));
        var aLaw = WhisperSamples.FromWave(FakeAudio.ALawWav(speech));

        Assert.Equal(pcm.Length, muLaw.Length);
        Assert.Equal(pcm.Length, aLaw.Length);
        // G.711 keeps about 13 bits near silence and less at the peaks: a few percent of full scale at most.
        Assert.True(MaxDifference(pcm, muLaw) < 0.03, $"μ-law differs by {MaxDifference(pcm, muLaw)}");
        Assert.True(MaxDifference(pcm, aLaw) < 0.03, $"A-law differs by {MaxDifference(pcm, aLaw)}");
        Assert.True(pcm.Max() > 0.2);
    }

    [Fact]
    public void A_law_speech_is_not_taken_for_silence()
    {
        var level = RecordingLevels.Inspect(FakeAudio.ALawWav(FakeAudio.SpeechSamples(TwoSeconds)));

        Assert.False(level.IsSilent);
        Assert.Equal(2.0, level.DurationSeconds!.Value, precision: 3);
    }

    [Fact]
    public void Stereo_is_mixed_down_to_mono()
    {
        var left = Tone(300, 0.4, TwoSeconds, 16_000);
        var stereo = new short[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            (stereo[2 * i], stereo[2 * i + 1]) = (left[i], 0);
        }

        var samples = WhisperSamples.FromWave(StereoWav(stereo, 16_000));

        Assert.Equal(left.Length, samples.Length);
        Assert.InRange(samples.Max(), 0.19, 0.21);
    }

    [Fact]
    public void Sixteen_khz_passes_through_and_48_khz_is_downsampled()
    {
        var atWhisperRate = WhisperSamples.FromWave(FakeAudio.Wav(Tone(200, 0.5, TwoSeconds, 16_000), 16_000));
        var studio = WhisperSamples.FromWave(FakeAudio.Wav(Tone(200, 0.5, TwoSeconds, 48_000), 48_000));

        Assert.Equal(32_000, atWhisperRate.Length);
        Assert.Equal(32_000, studio.Length);
        Assert.InRange(ZeroCrossings(studio), 795, 805);
    }

    [Fact]
    public void A_turn_shorter_than_a_second_is_padded_with_silence()
    {
        var samples = WhisperSamples.FromWave(FakeAudio.Wav(Tone(440, 0.5, TimeSpan.FromMilliseconds(400), 8000)));

        Assert.Equal(WhisperSamples.SampleRate, samples.Length);
        Assert.True(samples[..6000].Max() > 0.4);
        Assert.All(samples[6400..], sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void What_is_not_a_decodable_wav_is_refused_with_a_reason()
    {
        var mp3 = Assert.Throws<InvalidDataException>(() => WhisperSamples.FromWave(FakeAudio.SilentMp3()));
        var floatWav = FakeAudio.Wav(Tone(440, 0.5, TwoSeconds, 8000));
        BinaryPrimitives.WriteUInt16LittleEndian(floatWav.AsSpan(20), 3); // IEEE float, which Twilio never sends
        var unsupported = Assert.Throws<InvalidDataException>(() => WhisperSamples.FromWave(floatWav));

        Assert.Contains("RIFF", mp3.Message);
        Assert.Contains("code 3", unsupported.Message);
    }

    private static short[] Tone(double hertz, double level, TimeSpan length, int sampleRate)
    {
        var samples = new short[(int)(length.TotalSeconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(level * short.MaxValue * Math.Sin(2 * Math.PI * hertz * i / sampleRate));
        }
        return samples;
    }

    private static int ZeroCrossings(float[] samples)
    {
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 != samples[i] < 0)
            {
                crossings++;
            }
        }
        return crossings;
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    private static byte[] StereoWav(short[] interleaved, int sampleRate)
    {
        var wav = FakeAudio.Wav(interleaved, sampleRate);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(28), (uint)(sampleRate * 4));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), 4);
        return wav;
    }
}
