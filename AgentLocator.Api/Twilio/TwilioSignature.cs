using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace AgentLocator.Api.Twilio;

/// <summary>
/// Twilio's request signature (X-Twilio-Signature): base64 of HMAC-SHA1, keyed with the account's auth token,
/// over the full URL Twilio called followed by every POST parameter's name and value, sorted by name.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";
    private const int HashBytes = 20;

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters) =>
        Convert.ToBase64String(Hash(authToken, url, parameters));

    /// <summary>
    /// True when <paramref name="signature"/> signs the request. The URL is tried as given, then with its port
    /// removed or the scheme's default port added, as Twilio's helper libraries do: Twilio signs the URL as it was
    /// configured, which may or may not spell the port.
    /// </summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }
        Span<byte> given = stackalloc byte[32];
        if (!Convert.TryFromBase64String(signature.Trim(), given, out var written) || written != HashBytes)
        {
            return false;
        }
        var sorted = parameters as IReadOnlyList<KeyValuePair<string, StringValues>> ?? parameters.ToList();
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // Constant-time, and every variant is tried, so timing tells a forger nothing about how close they were.
            valid |= CryptographicOperations.FixedTimeEquals(Hash(authToken, candidate, sorted), given[..HashBytes]);
        }
        return valid;
    }

    private static byte[] Hash(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var data = new StringBuilder(url);
        // Ordinal order, as Twilio sorts; a repeated name contributes each distinct value once, in order
        // (the behaviour Twilio's helper libraries' published vectors pin down).
        foreach (var (name, values) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var value in values.Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(name).Append(value);
            }
        }
        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
    }

    /// <summary>The URL as given, then without its port, or with the scheme's default port when it had none.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            yield break;
        }
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }
        var authority = url[authorityStart..authorityEnd];
        // Text is kept as given (host case, credentials): Twilio signs exactly what it was configured with.
        var hostStart = authority.LastIndexOf('@') + 1;
        var hostAndPort = authority[hostStart..];
        var portColon = hostAndPort.LastIndexOf(':');
        var hasPort = portColon >= 0 && portColon > hostAndPort.LastIndexOf(']');
        string otherAuthority;
        if (hasPort)
        {
            otherAuthority = authority[..(hostStart + portColon)];
        }
        else
        {
            var defaultPort = url[..schemeEnd].ToLowerInvariant() switch
            {
                "https" => "443",
                "http" => "80",
                _ => null,
            };
            if (defaultPort is null)
            {
                yield break;
            }
            otherAuthority = authority + ":" + defaultPort;
        }
        yield return url[..authorityStart] + otherAuthority + url[authorityEnd..];
    }
}
