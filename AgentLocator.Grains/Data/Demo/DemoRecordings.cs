using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AgentLocator.Grains.Data.Demo;

/// <summary>
/// The demo calls' recordings: the caller's words spoken by espeak-ng when it is installed, else silence of the
/// call's length (8 kHz, 16-bit mono WAV, as Twilio records), so the call page's player has something to play.
/// </summary>
public sealed class DemoRecordings(ILogger<DemoRecordings> logger)
{
    private const int SampleRate = 8000;
    private bool? speaks;

    public async Task<byte[]> MakeAsync(string? words, int seconds, CancellationToken cancellationToken)
    {
        if (words is not null && speaks != false && await SpeakAsync(words, cancellationToken) is { } spoken)
        {
            return spoken;
        }
        return Silence(seconds);
    }

    public static byte[] Silence(int seconds)
    {
        var dataLength = SampleRate * 2 * seconds;
        var wav = new byte[44 + dataLength];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataLength);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataLength);
        return wav;
    }

    private async Task<byte[]?> SpeakAsync(string words, CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "he", "--stdout", words })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            speaks = process.ExitCode == 0 && output.Length > 44;
            return speaks == true ? output.ToArray() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: every recording is silence, and nobody needs telling more than once.
            logger.LogInformation("espeak-ng is not installed; the demo recordings are silence of each call's length");
            speaks = false;
            return null;
        }
    }
}
