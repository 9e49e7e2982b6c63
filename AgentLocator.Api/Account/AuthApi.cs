using System.Globalization;
using System.Net.Mail;
using AgentLocator.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.Account;

public static class AuthApi
{
    public const string SignInRateLimitPolicy = "sign-in";
    public const string LockedOutProblemType = "https://agentlocator.app/problems/sign-in-locked";
    public const string AccountRefusedProblemType = "https://agentlocator.app/problems/account-unavailable";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");

        api.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimitPolicy)
            .WithSummary("Sign in with email and password; sets the refresh cookie.");
        api.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Exchange the refresh cookie for a new access token (rotates the cookie).");
        api.MapPost("/logout", LogoutAsync).AllowAnonymous()
            .WithSummary("End this session: revokes the refresh token and clears the cookie.");
        return app;
    }

    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInService signIn, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The sign-in request is incomplete.");
        }

        var outcome = await signIn.SignInAsync(request.Email!, request.Password!, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.Succeeded success:
                RefreshCookie.Write(context.Response, success.RefreshToken, success.SessionExpiresAt);
                return TypedResults.Ok(new AuthResponse(success.AccessToken.Token, success.AccessToken.ExpiresAt, UserResponse.From(success.User)));
            case SignInOutcome.LockedOut lockedOut:
                var seconds = (int)Math.Ceiling(lockedOut.RetryAfter.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var minutes = (int)Math.Ceiling(lockedOut.RetryAfter.TotalMinutes);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    type: LockedOutProblemType,
                    title: "יותר מדי ניסיונות כניסה שגויים.",
                    detail: $"הכניסה לחשבון זה נחסמה זמנית. נסו שוב בעוד {minutes} דקות.",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
            case SignInOutcome.Refused refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: AccountRefusedProblemType,
                    title: refused.Title, detail: refused.Detail);
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Wrong email or password.",
                    detail: "The email and password do not match an account.");
        }
    }

    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> RefreshAsync(
        SignInService signIn, HttpContext context, CancellationToken cancellationToken)
    {
        var token = RefreshCookie.Read(context.Request);
        if (token is null)
        {
            // Only the marker can be stale here; it would make every visit try a refresh that cannot succeed.
            RefreshCookie.ClearSessionMarker(context.Response);
            return NoActiveSession();
        }

        switch (await signIn.RefreshAsync(token, cancellationToken))
        {
            case RefreshOutcome.Refreshed refreshed:
                if (refreshed.CookieToken is not null)
                {
                    RefreshCookie.Write(context.Response, refreshed.CookieToken, refreshed.SessionExpiresAt);
                }
                return TypedResults.Ok(new AuthResponse(refreshed.AccessToken.Token, refreshed.AccessToken.ExpiresAt, UserResponse.From(refreshed.User)));
            case RefreshOutcome.Ended:
                RefreshCookie.Clear(context.Response);
                return NoActiveSession();
            default:
                // A token no session knows may be older than the cookie the browser holds by now (another tab or a
                // cancelled request rotated it): deleting the cookie here would sign out a live session.
                return NoActiveSession();
        }
    }

    private static ProblemHttpResult NoActiveSession() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "No active session.",
        detail: "Sign in again.");

    public static async Task<NoContent> LogoutAsync(SignInService signIn, HttpContext context, CancellationToken cancellationToken)
    {
        // The authentication middleware has already read any bearer token into context.User.
        var sessionId = context.User.Identity?.IsAuthenticated == true ? context.User.FindSessionId() : null;
        await signIn.SignOutAsync(sessionId, RefreshCookie.Read(context.Request), cancellationToken);
        RefreshCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["Email is required."];
        }
        else if (request.Email.Length > 254 || !MailAddress.TryCreate(request.Email.Trim(), out _))
        {
            errors["email"] = ["Email is not a valid address."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Password is required."];
        }
        else if (request.Password.Length > 1024)
        {
            errors["password"] = ["Password is too long."];
        }
        return errors;
    }
}
