using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Api.Integrations.Twilio;

/// <summary>
/// Signs a webhook request the way Twilio does (X-Twilio-Signature: base64 HMAC-SHA1, keyed by the auth token, of the
/// full URL followed by each POST field's name and value in name order). Used only to send our own "test" request
/// through the public URL; what checks it is Twilio's <c>RequestValidator</c> in <see cref="TwilioSignatureFilter"/>.
/// </summary>
public static class TwilioRequestSigner
{
    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
