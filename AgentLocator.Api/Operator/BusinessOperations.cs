using System.Net.Mail;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Account;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AgentLocator.Api.Operator;

public sealed record CreateBusinessRequest(string? Name, string? Plan, string? TimeZone, string? AdminEmail, string? AdminPhone);

public sealed record SetPlanRequest(string? Plan);

public sealed record OperatorBusinessResponse(
    Guid Id, string Name, string Plan, IReadOnlyList<string> PlanFeatures, int? MaxUsers, string TimeZone, string? TwilioNumber,
    int ActiveUsers, DateTimeOffset? SuspendedAt, DateTimeOffset CreatedAt);

/// <summary>The new business and its first admin's one-time invitation link (shown once: only its hash is stored).</summary>
public sealed record CreatedBusinessResponse(OperatorBusinessResponse Business, string InvitationUrl, DateTimeOffset InvitationExpiresAt);

public abstract record OperatorOutcome<T>
{
    public sealed record Done(T Value) : OperatorOutcome<T>;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : OperatorOutcome<T>;
    public sealed record NotFound : OperatorOutcome<T>;
    public sealed record Conflict(string Title, string Detail) : OperatorOutcome<T>;
}

/// <summary>
/// What the operator does to businesses, shared by the command line (<c>AgentLocator.Api admin …</c>) and the
/// operator API (<c>/api/operator/…</c>). Works on Postgres directly and announces changes on Redis, so running API
/// instances sign suspended users out and reload a changed plan whichever process made the change.
/// </summary>
public sealed class BusinessOperations(
    AgentLocatorDbContext db, SessionEnder sessions, IConnectionMultiplexer redis, TimeProvider clock, IConfiguration configuration, IAuditLog audit,
    ILogger<BusinessOperations> logger, IGrainFactory? grains = null)
{
    /// <summary>
    /// The operator as the audit log names them: the request's actor on the operator API (with its address), and on the
    /// command line, which has no request, the operator from the machine itself. Always in the changed business's log.
    /// </summary>
    private static AuditActor Operator(Guid businessId) =>
        (AuditActor.Current is { Type: AuditActorTypes.Operator } requestActor ? requestActor : CommandLineOperator) with { BusinessId = businessId };

    private static readonly AuditActor CommandLineOperator = new(AuditActorTypes.Operator, null, null, "operator", null, "command line");

    public async Task<OperatorOutcome<CreatedBusinessResponse>> CreateAsync(CreateBusinessRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required (at most 200 characters)."];
        }
        var plan = Plans.Find(request.Plan);
        if (plan is null)
        {
            errors["plan"] = [$"plan must be one of: {string.Join(", ", Plans.All.Select(p => p.Name))}."];
        }
        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? Business.DefaultTimeZone : request.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors["timeZone"] = ["timeZone must be an IANA time zone, e.g. Asia/Jerusalem."];
        }
        var email = request.AdminEmail is { Length: > 0 and <= 254 } given && MailAddress.TryCreate(given.Trim(), out _)
            ? SignInService.NormalizeEmail(given)
            : null;
        if (email is null)
        {
            errors["adminEmail"] = ["adminEmail must be a valid email address."];
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(request.AdminPhone))
        {
            if (Phones.TryNormalize(request.AdminPhone, out var normalized))
            {
                phone = normalized.E164;
            }
            else
            {
                errors["adminPhone"] = ["adminPhone is not a phone number."];
            }
        }
        if (errors.Count > 0)
        {
            return new OperatorOutcome<CreatedBusinessResponse>.Invalid(errors);
        }
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
        {
            return new OperatorOutcome<CreatedBusinessResponse>.Conflict("The admin's email already has an account.",
                "Each email belongs to one user of one business; give another address.");
        }

        var now = clock.GetUtcNow();
        var business = new Business
        {
            Id = Guid.CreateVersion7(),
            Name = name!,
            Plan = plan!.Name,
            PlanFeatures = [.. plan.FeatureNames],
            MaxUsers = plan.MaxUsers,
            TimeZone = timeZone,
            CreatedAt = now,
        };
        var token = AccountLinkTokens.NewToken();
        var invitation = new AccountLink
        {
            Id = Guid.CreateVersion7(),
            BusinessId = business.Id,
            Kind = AccountLinkKinds.Invitation,
            TokenHash = AccountLinkTokens.Hash(token),
            Email = email,
            Phone = phone,
            Role = UserRoles.Admin,
            CreatedAt = now,
            ExpiresAt = now.Add(AccountLinkTokens.Lifetime),
        };
        db.Businesses.Add(business);
        db.AccountLinks.Add(invitation);
        audit.Record(db, AuditActions.BusinessCreated, AuditTarget.Business(business.Id) with { Label = business.Name },
            new { business.Name, business.Plan, business.TimeZone, adminEmail = email, adminPhone = phone }, Operator(business.Id));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Business {BusinessId} created on plan {Plan}", business.Id, business.Plan);
        return new OperatorOutcome<CreatedBusinessResponse>.Done(new CreatedBusinessResponse(
            Describe(business, 0), AccountLinkTokens.Url(configuration["Public:Host"], AccountLinkKinds.Invitation, token), invitation.ExpiresAt));
    }

    public async Task<IReadOnlyList<OperatorBusinessResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Businesses.AsNoTracking().OrderBy(b => b.CreatedAt)
            .Select(b => new { Business = b, Users = db.Users.IgnoreQueryFilters().Count(u => u.BusinessId == b.Id && u.DisabledAt == null) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => Describe(row.Business, row.Users))];
    }

    /// <summary>Suspends the business and signs every user of it out at once; calls to its number hear that the service is unavailable.</summary>
    public Task<OperatorOutcome<OperatorBusinessResponse>> SuspendAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, AuditActions.BusinessSuspended, business =>
        {
            var already = business.SuspendedAt is not null;
            business.SuspendedAt ??= clock.GetUtcNow();
            return new { alreadySuspended = already };
        }, cancellationToken, endSessions: true);

    public Task<OperatorOutcome<OperatorBusinessResponse>> ResumeAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, AuditActions.BusinessResumed, business =>
        {
            var suspendedAt = business.SuspendedAt;
            business.SuspendedAt = null;
            return new { suspendedAt };
        }, cancellationToken, endSessions: false);

    /// <summary>Moves the business to another plan: its features and user cap follow; switches outside the new plan go off.</summary>
    public Task<OperatorOutcome<OperatorBusinessResponse>> SetPlanAsync(Guid id, string? planName, CancellationToken cancellationToken)
    {
        if (Plans.Find(planName) is not { } plan)
        {
            return Task.FromResult<OperatorOutcome<OperatorBusinessResponse>>(new OperatorOutcome<OperatorBusinessResponse>.Invalid(
                new() { ["plan"] = [$"plan must be one of: {string.Join(", ", Plans.All.Select(p => p.Name))}."] }));
        }
        return ChangeAsync(id, AuditActions.BusinessPlanChanged, business =>
        {
            var before = new { business.Plan, features = business.PlanFeatures.ToList(), business.MaxUsers };
            business.Plan = plan.Name;
            business.PlanFeatures = [.. plan.FeatureNames];
            business.MaxUsers = plan.MaxUsers;
            return new AuditChange<object>(before, new { business.Plan, features = business.PlanFeatures.ToList(), business.MaxUsers });
        }, cancellationToken, endSessions: false);
    }

    /// <summary>Applies <paramref name="change"/> (which returns the audit row's details) and its audit row in one save.</summary>
    private async Task<OperatorOutcome<OperatorBusinessResponse>> ChangeAsync(
        Guid id, AuditAction action, Func<Business, object> change, CancellationToken cancellationToken, bool endSessions)
    {
        var business = await db.Businesses.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (business is null)
        {
            return new OperatorOutcome<OperatorBusinessResponse>.NotFound();
        }
        var details = change(business);
        audit.Record(db, action, AuditTarget.Business(id) with { Label = business.Name }, details, Operator(id));
        await db.SaveChangesAsync(cancellationToken);
        if (endSessions)
        {
            await sessions.EndAsync(db, new SessionsEnded(id, null, null, "business-suspended"), cancellationToken);
        }
        if (grains is not null)
        {
            await grains.GetGrain<IBusinessGrain>(id).Reload();
        }
        await BusinessChanges.PublishAsync(redis, id, logger);
        var users = await db.Users.IgnoreQueryFilters().CountAsync(u => u.BusinessId == id && u.DisabledAt == null, cancellationToken);
        return new OperatorOutcome<OperatorBusinessResponse>.Done(Describe(business, users));
    }

    private static OperatorBusinessResponse Describe(Business business, int activeUsers) => new(
        business.Id, business.Name, business.Plan, FeatureNames.Effective(business.PlanFeatures, null), business.MaxUsers, business.TimeZone,
        business.TwilioNumber, activeUsers, business.SuspendedAt, business.CreatedAt);
}
