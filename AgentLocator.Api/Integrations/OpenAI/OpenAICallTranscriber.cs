using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;

namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>Whisper (or any OpenAI-compatible transcription endpoint) through Microsoft.Extensions.AI, Hebrew forced.</summary>
public sealed class OpenAICallTranscriber(ISpeechToTextClient speechToText, ILogger<OpenAICallTranscriber> logger) : ICallTranscriber
{
    /// <summary>
    /// Whisper guesses the language from the first seconds, and a short Hebrew phrase over a phone line is often taken
    /// for Arabic or English; every caller here speaks Hebrew, so the guess is never worth the risk.
    /// </summary>
    public const string Language = "he";

    public bool IsConfigured => true;

    public string Provider => TranscriptionProviders.OpenAI;

    public async Task<string> TranscribeAsync(RecordingAudio audio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var options = new SpeechToTextOptions { SpeechLanguage = Language };
        var content = new DataContent(audio.Content, audio.ContentType);
        try
        {
            var response = await speechToText.GetTextAsync(content, options, cancellationToken);
            var text = response.Text.Trim();
            logger.LogInformation("Transcribed {Bytes} bytes of {ContentType} into {Characters} characters.",
                audio.Content.Length, audio.ContentType, text.Length);
            return text;
        }
        catch (OperationCanceledException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The transcription service did not answer in time.", timeout);
        }
    }
}
