using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Twilio;

/// <summary>
/// Downloads a caller's recording from the RecordingUrl Twilio posted. The URL is used as given: without an extension
/// Twilio serves WAV, which is what transcription and the silence check read best. This is the only retry policy on
/// the wire; the default resilience handler is removed from its HttpClient.
/// </summary>
public sealed class TwilioRecordingSource(
    IHttpClientFactory httpClients, IOptions<RecordingDownloadOptions> options, TimeProvider time, ILogger<TwilioRecordingSource> logger)
    : ICallRecordingSource
{
    public const string HttpClientName = "twilio-recordings";
    public const string DefaultContentType = "audio/wav";

    public async Task<RecordingAudio> DownloadAsync(string recordingUrl, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(recordingUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new RecordingUnavailableException("The recording URL is not an http(s) URL.");
        }
        var settings = options.Value;
        var attempts = Math.Max(1, settings.Attempts);
        var http = httpClients.CreateClient(HttpClientName);
        var authorization = Authorization(settings, url);
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? cause = null;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptTimeout.CancelAfter(settings.AttemptTimeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Authorization = authorization;
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptTimeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        var content = await response.Content.ReadAsByteArrayAsync(attemptTimeout.Token);
                        var contentType = response.Content.Headers.ContentType?.MediaType ?? DefaultContentType;
                        logger.LogInformation("Downloaded a recording of {Bytes} bytes ({ContentType}) on attempt {Attempt}.", content.Length, contentType, attempt);
                        return new RecordingAudio(content, contentType);
                    }
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        // Retrying cannot fix credentials; the caller's time is better spent on the fallback.
                        throw new RecordingUnavailableException(
                            $"Twilio refused the recording download ({(int)response.StatusCode}): check TWILIO_SID and TWILIO_TOKEN.");
                    }
                    if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests) && (int)response.StatusCode < 500)
                    {
                        throw new RecordingUnavailableException($"Twilio answered {(int)response.StatusCode} for the recording.");
                    }
                    failure = $"answered {(int)response.StatusCode}";
                }
                catch (HttpRequestException unreachable)
                {
                    failure = $"could not be reached ({unreachable.HttpRequestError})";
                    cause = unreachable;
                }
                catch (OperationCanceledException expired) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"did not answer within {settings.AttemptTimeout.TotalSeconds:0.#} s";
                    cause = expired;
                }
            }

            if (attempt >= attempts)
            {
                logger.LogWarning("Giving up on a recording after {Attempts} attempts: the last {Failure}.", attempt, failure);
                throw new RecordingUnavailableException($"The recording could not be downloaded after {attempt} attempts: the last {failure}.", cause);
            }
            logger.LogInformation("The recording {Failure} (attempt {Attempt} of {Attempts}); retrying.", failure, attempt, attempts);
            await Task.Delay(RetryDelay(settings, attempt), time, cancellationToken);
        }
    }

    private static TimeSpan RetryDelay(RecordingDownloadOptions settings, int attempt)
    {
        var delay = settings.FirstRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    // The account's credentials go only over TLS, or to this machine (a local fake in development and tests).
    private static AuthenticationHeaderValue? Authorization(RecordingDownloadOptions settings, Uri url)
    {
        if (!settings.HasCredentials || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback))
        {
            return null;
        }
        var pair = Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}");
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
    }
}
