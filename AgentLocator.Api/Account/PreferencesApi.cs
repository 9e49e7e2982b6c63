using System.Text.Json;
using System.Text.RegularExpressions;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Account;

public sealed record PreferenceBody(JsonElement Value);

/// <summary>Small per-user UI choices (a grid's hidden columns), kept on the server so they follow the user between devices.</summary>
public static partial class PreferencesApi
{
    public const int MaxValueBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/me/preferences").RequireAuthorization().WithTags("Me");
        preferences.MapGet("/{key}", GetAsync);
        preferences.MapPut("/{key}", PutAsync);
        return app;
    }

    /// <summary>A preference never saved is <c>{"value": null}</c>: the client's defaults apply, and nothing is an error.</summary>
    public static async Task<Results<Ok<PreferenceBody>, ValidationProblem>> GetAsync(
        string key, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (!ValidKey().IsMatch(key))
        {
            return InvalidKey();
        }
        var userId = context.User.GetUserId();
        var json = await db.UserPreferences.Where(p => p.UserId == userId && p.Key == key).Select(p => p.ValueJson).SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new PreferenceBody(JsonDocument.Parse(json ?? "null").RootElement.Clone()));
    }

    public static async Task<Results<NoContent, ValidationProblem>> PutAsync(
        string key, PreferenceBody body, HttpContext context, AgentLocatorDbContext db, CancellationToken cancellationToken)
    {
        if (!ValidKey().IsMatch(key))
        {
            return InvalidKey();
        }
        var json = body.Value.ValueKind == JsonValueKind.Undefined ? "null" : body.Value.GetRawText();
        if (json.Length > MaxValueBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["value"] = [$"value must be under {MaxValueBytes / 1024} KB of JSON."] });
        }
        var userId = context.User.GetUserId();
        var preference = await db.UserPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Key == key, cancellationToken);
        if (preference is null)
        {
            db.UserPreferences.Add(new UserPreference
            {
                UserId = userId, BusinessId = context.User.GetBusinessId(), Key = key, ValueJson = json, UpdatedAt = DateTimeOffset.UtcNow,
            });
        }
        else
        {
            preference.ValueJson = json;
            preference.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem InvalidKey() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["key must be 1-64 characters of a-z, 0-9 and '-'."] });

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex ValidKey();
}
