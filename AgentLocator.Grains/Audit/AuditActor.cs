using Orleans.Runtime;

namespace AgentLocator.Grains.Audit;

public static class AuditActorTypes
{
    /// <summary>A signed-in user of the business, or someone signing in as one.</summary>
    public const string User = "user";

    /// <summary>The service itself: a webhook, a reminder, a start-up job.</summary>
    public const string System = "system";

    /// <summary>The person who runs the service for every business (operator key).</summary>
    public const string Operator = "operator";

    /// <summary>Someone not signed in, such as a sign-in attempt to an email no account has.</summary>
    public const string Anonymous = "anonymous";

    public static IReadOnlyList<string> All { get; } = [User, System, Operator, Anonymous];
}

/// <summary>
/// Who did what an audit row records and from where. The API attaches the request's actor to Orleans'
/// <see cref="RequestContext"/> for the whole request, so a grain writing the change (and its audit row, in the same
/// transaction) knows who asked without every grain method taking it as a parameter; work no request started
/// (reminders, webhooks before a tenant is known) finds none and is recorded as the system.
/// </summary>
public sealed record AuditActor(string Type, Guid? BusinessId, Guid? UserId, string? Name, string? Ip, string? UserAgent)
{
    // One RequestContext value rather than one per field: each Set and Remove copies the context's dictionary, and
    // the API attaches and detaches the actor on every request (bench/RESULTS.md, "mefast"). Strings only: values travel
    // with every grain call and must serialize without registration. Fields are separated by NUL, which neither stored
    // text (Postgres refuses it) nor an HTTP header can hold; a present field is marked, so null stays null.
    private const string Key = "audit.actor";
    private const char Separator = '\0';
    private const char Present = '=';

    public static AuditActor System { get; } = new(AuditActorTypes.System, null, null, null, null, null);

    /// <summary>The actor of the request (or grain call) in progress; the system when none is attached.</summary>
    public static AuditActor Current => RequestContext.Get(Key) is string encoded && Decode(encoded) is { } actor ? actor : System;

    /// <summary>The same origin (address, browser) acting as this user: a sign-in, before any token names them.</summary>
    public AuditActor AsUser(Guid businessId, Guid userId, string? name) =>
        this with { Type = AuditActorTypes.User, BusinessId = businessId, UserId = userId, Name = name };

    /// <summary>Makes this the actor of everything the current async flow does, grain calls included.</summary>
    public void Attach() => RequestContext.Set(Key, Encode());

    public static void Detach() => RequestContext.Remove(Key);

    private string Encode() => string.Join(Separator,
        Field(Type), Field(BusinessId?.ToString()), Field(UserId?.ToString()), Field(Name), Field(Ip), Field(UserAgent));

    private static string Field(string? value) => value is null ? "" : Present + value;

    private static AuditActor? Decode(string encoded)
    {
        var fields = encoded.Split(Separator);
        if (fields.Length != 6 || Value(fields[0]) is not { } type)
        {
            return null;
        }
        return new(type, ParseGuid(Value(fields[1])), ParseGuid(Value(fields[2])), Value(fields[3]), Value(fields[4]), Value(fields[5]));
    }

    private static string? Value(string field) => field.Length > 0 && field[0] == Present ? field[1..] : null;

    private static Guid? ParseGuid(string? text) => Guid.TryParse(text, out var id) ? id : null;
}
