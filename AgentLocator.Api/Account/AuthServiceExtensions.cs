using System.Threading.RateLimiting;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace AgentLocator.Api.Account;

public static class AuthServiceExtensions
{
    public static IHostApplicationBuilder AddAgentAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindSettings(AuthOptions.SectionName);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddScoped<SignInService>();
        services.AddSingleton<Accounts.SignInThrottle>();
        services.AddSingleton<Accounts.LiveSessions>();
        services.AddSingleton<MeCache>();
        services.AddSingleton<Accounts.SessionEnder>();
        services.AddSingleton<Accounts.HubConnections>();
        services.AddHostedService(provider => provider.GetRequiredService<Accounts.HubConnections>());
        services.AddHostedService<Accounts.BusinessChanges>();
        services.AddScoped<Operator.BusinessOperations>();
        services.AddSingleton<Integrations.Twilio.TwilioSmsSender>();
        services.AddHttpClient(Calls.TwilioNumberApi.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpContextAccessor();
        services.AddScoped<ITenantContext, HttpTenantContext>();

        var jwtSecret = builder.Configuration["Auth:JwtSecret"] ?? "";
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // The same validation (JsonWebTokenHandler, claims as issued), done once per token rather than per request.
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(ValidatedTokenCache.ForJsonWebTokens(TimeProvider.System));
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthOptions.Issuer,
                    ValidAudience = AuthOptions.Audience,
                    IssuerSigningKey = AccessTokenIssuer.SigningKey(jwtSecret),
                    NameClaimType = AgentClaims.Name,
                    RoleClaimType = AgentClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = Accounts.ActiveSessionCheck.ValidateAsync,
                    // Browsers cannot set headers on WebSocket upgrades.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/ws") && context.Request.Query.TryGetValue("access_token", out var token))
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                };
            })
            .AddOperatorKey();

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(UserRoles.Admin))
            .AddOperatorPolicy();

        var attemptsPerMinute = builder.Configuration.GetWholeNumber("Auth:SignInAttemptsPerMinutePerAddress", new AuthOptions().SignInAttemptsPerMinutePerAddress);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AuthApi.SignInRateLimitPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "יותר מדי ניסיונות כניסה מכתובת זו.", Detail = "המתינו דקה ונסו שוב." },
                });
            };
        });
        return builder;
    }
}
