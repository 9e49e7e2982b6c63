using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.CallSimulator;

/// <summary>
/// Twilio's side of X-Twilio-Signature: base64 of HMAC-SHA1 keyed with the auth token, over the exact URL Twilio
/// was configured with, then each POST field's name and value in ordinal order of name. A name posted more than once
/// is signed once per distinct value, in ordinal order of value, as Twilio's helper libraries do. A GET is signed over
/// the URL alone (its fields are in the query). Twilio's C# library validates but has no public signing call, and the
/// simulator sees the API only over HTTP, so this is the one signer of our own; tests prove the API's validator
/// (Twilio's RequestValidator) accepts what it signs.
/// </summary>
public static class TwilioSigner
{
    public const string Header = "X-Twilio-Signature";

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        foreach (var name in fields.GroupBy(f => f.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in name.Select(f => f.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(name.Key).Append(value);
            }
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
