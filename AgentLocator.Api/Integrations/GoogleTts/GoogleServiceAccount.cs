using Google.Apis.Auth.OAuth2;

namespace AgentLocator.Api.Integrations.GoogleTts;

/// <summary>Access tokens for Google's REST APIs from a service-account key file (Google.Apis.Auth signs and refreshes them).</summary>
public static class GoogleServiceAccount
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <returns>Null, with one warning naming the path (never the contents), when there is no usable key file.</returns>
    public static ITokenAccess? TryLoad(string? path, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        if (!File.Exists(path))
        {
            logger.LogWarning("Google credentials file {Path} does not exist; speech is played with Twilio <Say> instead.", path);
            return null;
        }
        try
        {
            // Typed as a service account so a file of another kind (an external-account config that would run a
            // command, say) is refused rather than obeyed.
            return CredentialFactory.FromFile<ServiceAccountCredential>(path).ToGoogleCredential().CreateScoped(CloudPlatformScope);
        }
        catch (Exception failure) when (failure is InvalidOperationException or ArgumentException or IOException
                                           or UnauthorizedAccessException or FormatException
                                           or System.Security.Cryptography.CryptographicException
                                           or Newtonsoft.Json.JsonException)
        {
            // The exception's type only: its message could quote the file.
            logger.LogWarning("Google credentials file {Path} is not a usable service-account key ({Error}); speech is played with Twilio <Say> instead.",
                path, failure.GetType().Name);
            return null;
        }
    }
}
