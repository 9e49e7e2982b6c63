using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.CallSimulator;

/// <summary>
/// Twilio's side of X-Twilio-Signature: base64 of HMAC-SHA1 keyed with the auth token, over the exact URL Twilio
/// was configured with, then each POST field's name and value in ordinal order of name. A GET is signed over the
/// URL alone (its fields are in the query).
/// </summary>
public static class TwilioSigner
{
    public const string Header = "X-Twilio-Signature";

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = new StringBuilder(url);
        // Value order breaks ties so a repeated name signs the same whichever order the fields were added in.
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
