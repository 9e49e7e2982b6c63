using System.Buffers.Binary;

namespace AgentLocator.CallSimulator.Tests;

public sealed class WavTests
{
    [Fact]
    public void The_synthesized_voice_is_two_seconds_of_8kHz_mono_16bit_PCM_with_sound_in_it()
    {
        var wav = CallerVoices.Voice(TimeSpan.FromSeconds(2));

        Assert.True(Wav.IsWav(wav));
        Assert.Equal(TimeSpan.FromSeconds(2), Wav.Duration(wav));
        Assert.Equal((1, 1, 8000, 16), (Int16(wav, 20), Int16(wav, 22), BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)), Int16(wav, 34)));
        var samples = Samples(wav);
        var rms = Math.Sqrt(samples.Average(s => (double)s * s));
        Assert.InRange(rms, 1000, 20000);
        // Voiced syllables with gaps: some quarter-second stretches are much louder than others.
        var loudness = samples.Chunk(400).Select(c => c.Max(s => Math.Abs((int)s))).ToList();
        Assert.True(loudness.Max() > 4 * loudness.Min() + 1000);
    }

    [Fact]
    public void Silence_is_a_WAV_of_zeros()
    {
        var wav = CallerVoices.Silence(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), Wav.Duration(wav));
        Assert.All(Samples(wav), sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void A_streamed_WAV_with_a_placeholder_size_is_timed_by_what_is_there()
    {
        var wav = CallerVoices.Voice(TimeSpan.FromSeconds(1));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), uint.MaxValue);
        Assert.Equal(TimeSpan.FromSeconds(1), Wav.Duration(wav));
    }

    [Fact]
    public void Something_else_is_not_a_WAV()
    {
        Assert.False(Wav.IsWav("<Response/>"u8));
        Assert.Throws<InvalidDataException>(() => Wav.Duration("RIFF\0\0\0\0WAVEjunk"u8));
    }

    [Fact]
    public async Task Espeak_speaks_Hebrew_when_installed_and_is_skipped_when_not()
    {
        var wav = await CallerVoices.SpeakAsync(CallerVoices.Sentences[0], CancellationToken.None);
        if (CallerVoices.FindEspeak() is null)
        {
            Assert.Null(wav);
            return;
        }
        Assert.NotNull(wav);
        Assert.InRange(Wav.Duration(wav).TotalSeconds, 1, 30);
    }

    private static short Int16(byte[] wav, int offset) => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset));

    private static short[] Samples(byte[] wav) =>
        Enumerable.Range(0, (wav.Length - 44) / 2).Select(i => Int16(wav, 44 + i * 2)).ToArray();
}
