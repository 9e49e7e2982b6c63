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
    private const string TypeKey = "audit.actor.type";
    private const string BusinessKey = "audit.actor.business";
    private const string UserKey = "audit.actor.user";
    private const string NameKey = "audit.actor.name";
    private const string IpKey = "audit.actor.ip";
    private const string UserAgentKey = "audit.actor.ua";

    private static readonly string[] Keys = [TypeKey, BusinessKey, UserKey, NameKey, IpKey, UserAgentKey];

    public static AuditActor System { get; } = new(AuditActorTypes.System, null, null, null, null, null);

    /// <summary>The actor of the request (or grain call) in progress; the system when none is attached.</summary>
    public static AuditActor Current => RequestContext.Get(TypeKey) is string type
        ? new(type, ParseGuid(RequestContext.Get(BusinessKey)), ParseGuid(RequestContext.Get(UserKey)),
            RequestContext.Get(NameKey) as string, RequestContext.Get(IpKey) as string, RequestContext.Get(UserAgentKey) as string)
        : System;

    /// <summary>The same origin (address, browser) acting as this user: a sign-in, before any token names them.</summary>
    public AuditActor AsUser(Guid businessId, Guid userId, string? name) =>
        this with { Type = AuditActorTypes.User, BusinessId = businessId, UserId = userId, Name = name };

    /// <summary>Makes this the actor of everything the current async flow does, grain calls included.</summary>
    public void Attach()
    {
        // Strings only: RequestContext values travel with every grain call and must serialize without registration.
        Set(TypeKey, Type);
        Set(BusinessKey, BusinessId?.ToString());
        Set(UserKey, UserId?.ToString());
        Set(NameKey, Name);
        Set(IpKey, Ip);
        Set(UserAgentKey, UserAgent);
    }

    public static void Detach()
    {
        foreach (var key in Keys)
        {
            RequestContext.Remove(key);
        }
    }

    private static void Set(string key, string? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }

    private static Guid? ParseGuid(object? value) => value is string text && Guid.TryParse(text, out var id) ? id : null;
}
