using System.Text.Json;

namespace AgentLocator.Api.Infrastructure.Text;

/// <summary>
/// The one place requests are held to <see cref="StorableText"/>: query strings and route values by a middleware in
/// front of every API route, JSON bodies by the converters every endpoint's binding uses.
/// </summary>
public static class StorableTextRequests
{
    public const string Title = "The request has text that cannot be stored.";

    /// <summary>Paths whose query and route values are checked. Twilio's webhooks are not among them: they always answer TwiML.</summary>
    private static readonly string[] CheckedPrefixes = ["/api", "/media"];

    public static void AddStorableText(this JsonSerializerOptions options)
    {
        options.Converters.Add(new StorableTextJsonConverter());
        options.Converters.Add(new StorableJsonElementConverter());
    }

    /// <summary>Runs after routing (so route values are known) and authorization (so a stranger still gets 401 first).</summary>
    public static IApplicationBuilder UseStorableText(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!CheckedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix)) || Errors(context) is not { } errors)
        {
            await next(context);
            return;
        }
        await TypedResults.ValidationProblem(errors, title: Title).ExecuteAsync(context);
    });

    /// <summary>Each query parameter and route value that cannot be stored, named as the caller sent it (null: none).</summary>
    private static Dictionary<string, string[]>? Errors(HttpContext context)
    {
        Dictionary<string, string[]>? errors = null;
        void Check(string field, string? value)
        {
            if ((StorableText.Problem(field) ?? StorableText.Problem(value)) is { } problem)
            {
                // A broken name itself is shown with its bad characters escaped, so the caller can still read which one it was.
                var name = StorableText.IsStorable(field) ? field
                    : string.Concat(field.Select(c => c == '\0' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
                (errors ??= [])[name] = [StorableText.Message(name, problem)];
            }
        }
        foreach (var (key, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                Check(key, value);
            }
        }
        foreach (var (key, value) in context.Request.RouteValues)
        {
            Check(key, value as string);
        }
        return errors;
    }
}
