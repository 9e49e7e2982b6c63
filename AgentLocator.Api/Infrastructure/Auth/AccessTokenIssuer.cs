using System.Security.Claims;
using System.Text;
using AgentLocator.Grains.Data.Entities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLocator.Api.Infrastructure.Auth;

public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public static SymmetricSecurityKey SigningKey(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public AccessToken Issue(User user, Guid sessionId)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now.Add(options.Value.AccessTokenLifetime);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(AgentClaims.UserId, user.Id.ToString()),
                new Claim(AgentClaims.BusinessId, user.BusinessId.ToString()),
                new Claim(AgentClaims.SessionId, sessionId.ToString()),
                new Claim(AgentClaims.Role, user.Role),
                new Claim(AgentClaims.Email, user.Email),
                new Claim(AgentClaims.Name, user.DisplayName),
            ]),
            SigningCredentials = new SigningCredentials(SigningKey(options.Value.JwtSecret), SecurityAlgorithms.HmacSha256),
        };
        return new AccessToken(handler.CreateToken(descriptor), expiresAt);
    }
}
