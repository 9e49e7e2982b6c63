using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// The secret half of a one-time link: 256 random bits in base64url (43 characters). The database keeps only its
/// SHA-256, so a leaked backup opens no invitation; the token itself is shown once, to whoever issued it.
/// </summary>
public static class AccountLinkTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public const string InvitationPath = "/invite/";
    public const string PasswordResetPath = "/reset-password/";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>A token as <see cref="NewToken"/> makes it; anything else is refused before the database is asked.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The page the link opens, on the public address when one is configured (PUBLIC_HOST), else the caller's.</summary>
    public static string Url(string? publicHost, string kind, string token)
    {
        var path = kind == Grains.Data.Entities.AccountLinkKinds.Invitation ? InvitationPath : PasswordResetPath;
        return (publicHost ?? "").TrimEnd('/') + path + token;
    }
}
