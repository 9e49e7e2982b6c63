using System.Security.Claims;
using System.Text;
using AgentLocator.Api.Infrastructure.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLocator.Api.Tests.Auth;

/// <summary>The bearer handler's validator remembers a token it found valid only until that token expires.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!"));
    private static readonly SymmetricSecurityKey OtherKey = new(Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes"));

    private sealed class ManualClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The real validator, counting how often it is asked.</summary>
    private sealed class CountingValidator : TokenHandler
    {
        private readonly JsonWebTokenHandler inner = new() { MapInboundClaims = false };
        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return inner.ValidateTokenAsync(token, validationParameters);
        }
    }

    // The validator's own lifetime check reads the machine's clock: tokens are issued around it, the cache's clock is moved.
    private static string Token(SymmetricSecurityKey key, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "test",
        Audience = "test",
        IssuedAt = DateTime.UtcNow.AddMinutes(-10),
        NotBefore = DateTime.UtcNow.AddMinutes(-10),
        Expires = DateTime.UtcNow.Add(lifetime),
        Subject = new ClaimsIdentity([new Claim(AgentClaims.UserId, Guid.NewGuid().ToString()), new Claim(AgentClaims.Role, "agent")]),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "test",
        ValidAudience = "test",
        IssuerSigningKey = Key,
        ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task A_valid_token_is_validated_once_and_then_answered_with_the_same_claims()
    {
        var validator = new CountingValidator();
        var cache = new ValidatedTokenCache(validator, new ManualClock(DateTime.UtcNow));
        var token = Token(Key, TimeSpan.FromMinutes(15));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        var second = await cache.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, validator.Calls);
        Assert.Equal(first.ClaimsIdentity.FindFirst(AgentClaims.UserId)!.Value, second.ClaimsIdentity.FindFirst(AgentClaims.UserId)!.Value);
        Assert.Equal("agent", second.ClaimsIdentity.FindFirst(AgentClaims.Role)!.Value);
        Assert.NotNull(second.SecurityToken);
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_once_it_has_expired()
    {
        var validator = new CountingValidator();
        var clock = new ManualClock(DateTime.UtcNow);
        var cache = new ValidatedTokenCache(validator, clock);
        var token = Token(Key, TimeSpan.FromMinutes(15));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        clock.Now = clock.Now.AddMinutes(16);
        await cache.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, validator.Calls);
    }

    [Fact]
    public async Task A_token_the_validator_refuses_is_never_remembered()
    {
        var validator = new CountingValidator();
        var cache = new ValidatedTokenCache(validator, new ManualClock(DateTime.UtcNow));
        var forged = Token(OtherKey, TimeSpan.FromMinutes(15));

        var first = await cache.ValidateTokenAsync(forged, Parameters());
        var second = await cache.ValidateTokenAsync(forged, Parameters());

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, validator.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task An_already_expired_token_is_refused_and_not_remembered()
    {
        var validator = new CountingValidator();
        var cache = new ValidatedTokenCache(validator, new ManualClock(DateTime.UtcNow));
        var expired = Token(Key, TimeSpan.FromMinutes(-5));

        Assert.False((await cache.ValidateTokenAsync(expired, Parameters())).IsValid);
        Assert.Equal(0, cache.Count);
    }
}
