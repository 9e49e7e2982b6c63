using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLocator.Grains.Calls.Providers;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Integrations.GoogleTts;

/// <summary>
/// Hebrew speech from Google Cloud Text-to-Speech over REST, stored as public media for Twilio to play. Replies repeat
/// (greetings, "thank you, we'll call back"), so audio is kept under a hash of voice and text and synthesized once.
/// </summary>
public sealed class GoogleSpeechSynthesizer : ISpeechSynthesizer
{
    public const string HttpClientName = "google-tts";
    public const string LanguageCode = "he-IL";
    public const string ContentType = "audio/mpeg";

    private readonly IHttpClientFactory httpClients;
    private readonly IMediaStore media;
    private readonly GoogleSpeechOptions options;
    private readonly ILogger<GoogleSpeechSynthesizer> logger;
    private readonly ITokenAccess? credential;

    public GoogleSpeechSynthesizer(
        IHttpClientFactory httpClients, IMediaStore media, IOptions<GoogleSpeechOptions> options, ILogger<GoogleSpeechSynthesizer> logger)
    {
        this.httpClients = httpClients;
        this.media = media;
        this.options = options.Value;
        this.logger = logger;
        credential = GoogleServiceAccount.TryLoad(this.options.CredentialsPath, logger);
    }

    public bool IsConfigured => credential is not null;

    /// <summary>The media alias of <paramref name="text"/> spoken by <paramref name="voice"/>: lower-case hex SHA-256.</summary>
    public static string CacheAlias(string voice, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(voice + "\n" + text)));

    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        if (credential is null)
        {
            throw new InvalidOperationException("Text-to-speech is not configured: set GOOGLE_APPLICATION_CREDENTIALS.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        var alias = CacheAlias(options.Voice, text);
        if (await FindAsync(alias, cancellationToken) is ({ } cachedKey, { } cached))
        {
            return new SynthesizedSpeech(cachedKey, cached.ContentType, FromCache: true);
        }

        var audio = await RequestAudioAsync(credential, text, cancellationToken);
        var key = await media.SaveAsync(MediaArea.Public, audio, ContentType, cancellationToken);
        await media.SetAliasAsync(MediaArea.Public, alias, key, cancellationToken);
        logger.LogInformation("Synthesized {Characters} characters into {Bytes} bytes of speech.", text.Length, audio.Length);
        return new SynthesizedSpeech(key, ContentType, FromCache: false);
    }

    public async Task<string?> FindCachedAsync(string text, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(text) ? null : (await FindAsync(CacheAlias(options.Voice, text.Trim()), cancellationToken)).Key;

    // A key whose file has since been deleted is treated as a miss, so the alias is repaired rather than served dead.
    private async Task<(string? Key, StoredMedia? File)> FindAsync(string alias, CancellationToken cancellationToken) =>
        await media.FindAliasAsync(MediaArea.Public, alias, cancellationToken) is { } key
            && await media.OpenAsync(MediaArea.Public, key, cancellationToken) is { } file
            ? (key, file)
            : (null, null);

    private async Task<byte[]> RequestAudioAsync(ITokenAccess token, string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            var accessToken = await token.GetAccessTokenForRequestAsync(cancellationToken: timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.TextToSpeechEndpoint.TrimEnd('/') + "/v1/text:synthesize")
            {
                Content = JsonContent.Create(
                    new SynthesizeRequest(new(text), new(LanguageCode, options.Voice), new("MP3")), GoogleJson.Default.SynthesizeRequest),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Google Text-to-Speech answered {Status}.", (int)response.StatusCode);
                throw new HttpRequestException($"Google Text-to-Speech answered {(int)response.StatusCode}.", null, response.StatusCode);
            }
            return await ReadAudioAsync(response, timeout.Token);
        }
        catch (OperationCanceledException expired) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Google Text-to-Speech did not answer within {options.TimeoutSeconds} s.", expired);
        }
    }

    private static async Task<byte[]> ReadAudioAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        SynthesizeResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync(GoogleJson.Default.SynthesizeResponse, cancellationToken);
        }
        catch (JsonException malformed)
        {
            throw new InvalidDataException("Google Text-to-Speech answered with malformed JSON.", malformed);
        }
        if (string.IsNullOrEmpty(body?.AudioContent))
        {
            throw new InvalidDataException("Google Text-to-Speech answered without audio.");
        }
        try
        {
            return Convert.FromBase64String(body.AudioContent);
        }
        catch (FormatException malformed)
        {
            throw new InvalidDataException("Google Text-to-Speech answered with audio that is not base64.", malformed);
        }
    }

    internal sealed record SynthesizeRequest(SynthesisInput Input, VoiceSelection Voice, AudioConfig AudioConfig);

    internal sealed record SynthesisInput(string Text);

    internal sealed record VoiceSelection(string LanguageCode, string Name);

    internal sealed record AudioConfig(string AudioEncoding);

    internal sealed record SynthesizeResponse(string? AudioContent);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GoogleSpeechSynthesizer.SynthesizeRequest))]
[JsonSerializable(typeof(GoogleSpeechSynthesizer.SynthesizeResponse))]
internal sealed partial class GoogleJson : JsonSerializerContext;
