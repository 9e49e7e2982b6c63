using AgentLocator.Grains.Audit;
using System.Net.Mail;
using AgentLocator.Api.Account;
using AgentLocator.Api.Admin;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Accounts;

/// <summary>
/// An admin invites users: a one-time link (7 days) to copy or send by SMS, with the role and the features (inside the
/// plan) the new user will have. An open invitation holds a seat of the plan's user cap.
/// </summary>
public static class InvitationsApi
{
    public static RouteGroupBuilder MapInvitations(this RouteGroupBuilder admin)
    {
        admin.MapGet("/invitations", ListAsync).WithSummary("Open invitations (not used, revoked or expired).");
        admin.MapPost("/invitations", CreateAsync)
            .Produces<InvitationResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invite a user by email or phone; answers the one-time link once. 409 over the plan's user cap or outside its features.");
        admin.MapDelete("/invitations/{id:guid}", RevokeAsync).WithSummary("Revoke an open invitation: its link stops working.");
        admin.MapPost("/invitations/{id:guid}/sms", SendSmsAsync)
            .Produces<InvitationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send the invitation by SMS with a fresh link (the one shown before stops working).");
        return admin;
    }

    public static async Task<IResult> ListAsync(AgentLocatorDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.AccountLinks.AsNoTracking()
            .Where(l => l.Kind == AccountLinkKinds.Invitation && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(open.Select(link => Describe(link, null, false)).ToList());
    }

    public static async Task<IResult> CreateAsync(InvitationRequest request, HttpContext context, AgentLocatorDbContext db, IGrainFactory grains,
        TwilioSmsSender sms, IConfiguration configuration, TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string? email = null, phone = null;
        if (!string.IsNullOrWhiteSpace(request.Email))
        {
            if (request.Email.Length <= 254 && MailAddress.TryCreate(request.Email.Trim(), out _))
            {
                email = SignInService.NormalizeEmail(request.Email);
            }
            else
            {
                errors["email"] = ["כתובת הדוא\"ל אינה תקינה."];
            }
        }
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            if (Phones.TryNormalize(request.Phone, out var normalized))
            {
                phone = normalized.E164;
            }
            else
            {
                errors["phone"] = ["מספר הטלפון אינו תקין."];
            }
        }
        if (request.Email is null or "" && request.Phone is null or "")
        {
            errors["email"] = ["יש לציין דוא\"ל או טלפון."];
        }
        if (request.Role is not (UserRoles.Admin or UserRoles.Agent))
        {
            errors["role"] = ["role must be admin or agent."];
        }
        var unknown = request.Features?.Where(name => !FeatureNames.TryParse(name, out _)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            errors["features"] = [$"Unknown feature(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", FeatureNames.All)}."];
        }
        if (request.SendSms && phone is null)
        {
            errors["phone"] = ["לשליחה ב-SMS יש לציין טלפון."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var businessId = context.User.GetBusinessId();
        var plan = await grains.GetGrain<IBusinessGrain>(businessId).GetPlanFeatures();
        if (request.Features is { } features && FeatureNames.OutsidePlan(features, plan) is { Count: > 0 } outside)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: AdminApi.OutsidePlanProblemType,
                title: "The business's plan does not include this feature.", detail: $"Not in the plan: {string.Join(", ", outside)}.",
                extensions: new Dictionary<string, object?> { ["features"] = outside });
        }
        if (email is not null && await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "כבר קיים משתמש עם כתובת הדוא\"ל הזו.",
                detail: "כל כתובת דוא\"ל שייכת למשתמש אחד בלבד.");
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BusinessLock.TakeAsync(db, businessId, cancellationToken);
        var (taken, max) = await UserSeats.CountAsync(db, businessId, now, cancellationToken);
        if (max is not null && taken >= max)
        {
            return UserSeats.Full(max);
        }
        var token = AccountLinkTokens.NewToken();
        var link = new AccountLink
        {
            Id = Guid.CreateVersion7(),
            BusinessId = businessId,
            Kind = AccountLinkKinds.Invitation,
            TokenHash = AccountLinkTokens.Hash(token),
            Email = email,
            Phone = phone,
            Role = request.Role,
            FeatureLimits = request.Features is null ? null : [.. FeatureNames.Effective(request.Features, null)],
            CreatedByUserId = context.User.GetUserId(),
            CreatedAt = now,
            ExpiresAt = now.Add(AccountLinkTokens.Lifetime),
        };
        db.AccountLinks.Add(link);
        audit.Record(db, AuditActions.InvitationCreated, AuditTarget.Invitee(email ?? phone),
            new { role = link.Role, features = link.FeatureLimits, expiresAt = link.ExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var url = AccountLinkTokens.Url(PublicBase(configuration, context), AccountLinkKinds.Invitation, token);
        string? smsProblem = null;
        if (request.SendSms)
        {
            // The invitation stands either way and its link is in the answer; only the SMS may have failed.
            smsProblem = await SendInvitationSmsAsync(db, sms, businessId, phone!, url, cancellationToken);
        }
        return TypedResults.Created($"/api/admin/invitations/{link.Id}", Describe(link, url, request.SendSms && smsProblem is null) with { SmsProblem = smsProblem });
    }

    public static async Task<IResult> RevokeAsync(Guid id, AgentLocatorDbContext db, TimeProvider clock, IAuditLog audit, CancellationToken cancellationToken)
    {
        var invitee = await db.AccountLinks.Where(l => l.Id == id).Select(l => l.Email ?? l.Phone).FirstOrDefaultAsync(cancellationToken);
        var revoked = await db.AccountLinks.Where(l => l.Id == id && l.Kind == AccountLinkKinds.Invitation && l.UsedAt == null && l.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.RevokedAt, clock.GetUtcNow()), cancellationToken);
        if (revoked != 1)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "אין הזמנה פתוחה כזו.");
        }
        await audit.RecordAsync(AuditActions.InvitationRevoked, AuditTarget.Invitee(invitee), cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> SendSmsAsync(Guid id, HttpContext context, AgentLocatorDbContext db, TwilioSmsSender sms, IConfiguration configuration,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.Id == id && l.Kind == AccountLinkKinds.Invitation
            && l.UsedAt == null && l.RevokedAt == null && l.ExpiresAt > now, cancellationToken);
        if (link is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "אין הזמנה פתוחה כזו.");
        }
        if (link.Phone is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "להזמנה זו אין מספר טלפון.");
        }
        // The token is not stored, so a fresh one goes out; the link shown before stops working.
        var token = AccountLinkTokens.NewToken();
        link.TokenHash = AccountLinkTokens.Hash(token);
        await db.SaveChangesAsync(cancellationToken);
        var url = AccountLinkTokens.Url(PublicBase(configuration, context), AccountLinkKinds.Invitation, token);
        if (await SendInvitationSmsAsync(db, sms, link.BusinessId, link.Phone, url, cancellationToken) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "ה-SMS לא נשלח.", detail: problem,
                extensions: new Dictionary<string, object?> { ["url"] = url });
        }
        return TypedResults.Ok(Describe(link, url, true));
    }

    private static async Task<string?> SendInvitationSmsAsync(AgentLocatorDbContext db, TwilioSmsSender sms, Guid businessId, string phone, string url,
        CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId).Select(b => new { b.Name, b.TwilioNumber }).SingleAsync(cancellationToken);
        var from = business.TwilioNumber ?? sms.DefaultFrom;
        if (!sms.IsConfigured || from is null)
        {
            return "Twilio is not configured for SMS (TWILIO_SID, TWILIO_TOKEN, and a number to send from).";
        }
        return await sms.SendAsync(from, phone, $"{business.Name}: הוזמנתם להצטרף למערכת. להגדרת סיסמה: {url}", cancellationToken);
    }

    /// <summary>Where links point: the public address (PUBLIC_HOST), or the address this request came to.</summary>
    public static string PublicBase(IConfiguration configuration, HttpContext context) =>
        configuration["Public:Host"] is { Length: > 0 } host ? host : $"{context.Request.Scheme}://{context.Request.Host}";

    private static InvitationResponse Describe(AccountLink link, string? url, bool smsSent) =>
        new(link.Id, link.Email, link.Phone, link.Role!, link.FeatureLimits, link.CreatedAt, link.ExpiresAt, url, smsSent);
}
