using System.Net;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using TwilioHttpMethod = Twilio.Http.HttpMethod;
using TwilioRequest = Twilio.Http.Request;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// Downloads a caller's recording from the RecordingUrl Twilio posted, through Twilio's REST client (credentials,
/// error answers) over <see cref="RecordingMediaTransport"/> (the bytes). The URL is used as given: without an
/// extension Twilio serves WAV, which is what transcription and the silence check read best. This is the only retry
/// policy on the wire; the default resilience handler is removed from its HttpClient.
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
        // Twilio's REST client carries the account's credentials and reads Twilio's error answers; null credentials
        // send none. The URL is the RecordingUrl as posted, so in tests it is already the local fake's.
        (string? Sid, string? Token) account = settings.HasCredentials ? (settings.AccountSid, settings.AuthToken) : (null, null);
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            Exception? cause = null;
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptTimeout.CancelAfter(settings.AttemptTimeout);
                var transport = new RecordingMediaTransport(http, attemptTimeout.Token);
                var twilio = new TwilioRestClient(account.Sid, account.Token, httpClient: transport);
                try
                {
                    await twilio.RequestAsync(new TwilioRequest(TwilioHttpMethod.Get, url.AbsoluteUri));
                    if (transport.Content is { } content)
                    {
                        var contentType = transport.ContentType ?? DefaultContentType;
                        logger.LogInformation("Downloaded a recording of {Bytes} bytes ({ContentType}) on attempt {Attempt}.", content.Length, contentType, attempt);
                        return new RecordingAudio(content, contentType);
                    }
                    // A redirect the transport did not follow: there is no audio in it.
                    throw new RecordingUnavailableException($"Twilio answered {(int)transport.LastResponse!.StatusCode} without the recording.");
                }
                catch (ApiException refused)
                {
                    var status = transport.LastResponse?.StatusCode ?? (HttpStatusCode)refused.Status;
                    if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        // Retrying cannot fix credentials; the caller's time is better spent on the fallback.
                        throw new RecordingUnavailableException(
                            $"Twilio refused the recording download ({(int)status}): check TWILIO_SID and TWILIO_TOKEN.");
                    }
                    if (status is not (HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests) && (int)status < 500)
                    {
                        throw new RecordingUnavailableException($"Twilio answered {(int)status} for the recording.");
                    }
                    failure = $"answered {(int)status}";
                }
                catch (ApiConnectionException connection) when (connection.InnerException is HttpRequestException unreachable)
                {
                    failure = $"could not be reached ({unreachable.HttpRequestError})";
                    cause = unreachable;
                }
                catch (ApiConnectionException connection)
                    when (connection.InnerException is OperationCanceledException expired && !cancellationToken.IsCancellationRequested)
                {
                    failure = $"did not answer within {settings.AttemptTimeout.TotalSeconds:0.#} s";
                    cause = expired;
                }
                catch (ApiConnectionException connection) when (connection.InnerException is OperationCanceledException)
                {
                    // The caller gave up (the call ended): not a failure of Twilio's.
                    cancellationToken.ThrowIfCancellationRequested();
                    throw;
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
}
