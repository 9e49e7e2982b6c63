using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Audit;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Businesses;

public sealed class BusinessGrain(TenantDbContextFactory contexts, IAuditLog audit) : Grain, IBusinessGrain
{
    private readonly Dictionary<Guid, IReadOnlyList<string>?> userLimits = [];
    private readonly HashSet<Guid> usersOfOtherBusinesses = [];
    private FeatureSets? features;

    private Guid BusinessId => this.GetPrimaryKey();

    public async Task<IReadOnlyList<string>> GetEffectiveFeatures(Guid userId)
    {
        var business = await LoadFeaturesAsync();
        if (!userLimits.TryGetValue(userId, out var limits))
        {
            if (usersOfOtherBusinesses.Contains(userId))
            {
                return [];
            }
            await using var db = contexts.For(BusinessId);
            var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.FeatureLimits }).SingleOrDefaultAsync();
            if (user is null)
            {
                usersOfOtherBusinesses.Add(userId);
                return [];
            }
            limits = user.FeatureLimits;
            userLimits[userId] = limits;
        }
        return FeatureNames.Effective(business.Enabled, limits);
    }

    public async Task Reload()
    {
        features = null;
        userLimits.Clear();
        usersOfOtherBusinesses.Clear();
        // Someone else changed the business (the operator's suspend or resume, its number): its number's answers go too.
        await using var db = contexts.For(BusinessId);
        await ForgetNumberAsync(await db.Businesses.Where(b => b.Id == BusinessId).Select(b => b.TwilioNumber).FirstOrDefaultAsync());
    }

    /// <summary>Drops the incoming-call answers remembered for the business's number, after a change they carry was saved.</summary>
    private Task ForgetNumberAsync(string? number) =>
        number is null ? Task.CompletedTask : GrainFactory.GetGrain<IBusinessNumberGrain>(number).Forget();

    public async Task<IReadOnlyList<string>> GetPlanFeatures() => (await LoadFeaturesAsync()).Plan;

    public async Task<IReadOnlyList<string>> GetEnabledFeatures() => (await LoadFeaturesAsync()).Enabled;

    public async Task<FeatureChangeResult> SetEnabledFeatures(IReadOnlyList<string> requested)
    {
        var current = await LoadFeaturesAsync();
        var outside = FeatureNames.OutsidePlan(requested, current.Plan);
        if (outside.Count > 0)
        {
            return new FeatureChangeResult(true, outside, null);
        }
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        business.EnabledFeatures = [.. FeatureNames.Effective(requested, null)];
        var after = FeatureNames.Effective(current.Plan, business.EnabledFeatures);
        if (!after.SequenceEqual(current.Enabled))
        {
            audit.Record(db, AuditActions.BusinessFeaturesChanged, AuditTarget.Business(BusinessId),
                new AuditChange<IReadOnlyList<string>>(current.Enabled, after));
        }
        await db.SaveChangesAsync();
        features = FeatureSets.Of(business.PlanFeatures, business.EnabledFeatures);
        return new FeatureChangeResult(true, [], features.Enabled);
    }

    public async Task<FeatureChangeResult> SetUserFeatureLimits(Guid userId, IReadOnlyList<string>? limits)
    {
        var outside = limits is null ? [] : FeatureNames.OutsidePlan(limits, (await LoadFeaturesAsync()).Plan);
        await using var db = contexts.For(BusinessId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null)
        {
            return new FeatureChangeResult(false, [], null);
        }
        if (outside.Count > 0)
        {
            return new FeatureChangeResult(true, outside, null);
        }
        var before = user.FeatureLimits;
        user.FeatureLimits = limits is null ? null : [.. FeatureNames.Effective(limits, null)];
        // Null limits mean "everything the business has on".
        if ((before is null) != (user.FeatureLimits is null) || (before is not null && !before.SequenceEqual(user.FeatureLimits!)))
        {
            audit.Record(db, AuditActions.UserFeaturesChanged, AuditTarget.User(user.Id, user.Email),
                new AuditChange<IReadOnlyList<string>?>(before, user.FeatureLimits));
        }
        await db.SaveChangesAsync();
        userLimits[userId] = user.FeatureLimits;
        return new FeatureChangeResult(true, [], user.FeatureLimits);
    }

    public async Task<bool> SetCallSettings(CallSettingsChange change)
    {
        await using var db = contexts.For(BusinessId);
        if (change.DefaultAgentId is { } agent && !await db.Users.AnyAsync(u => u.Id == agent))
        {
            return false;
        }
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        var before = new CallSettingsChange(business.GreetingText, business.ReplyPrompt, business.FallbackMessage, business.DefaultAgentId);
        business.GreetingText = Blank(change.GreetingText);
        business.ReplyPrompt = Blank(change.ReplyPrompt);
        business.FallbackMessage = Blank(change.FallbackMessage);
        business.DefaultAgentId = change.DefaultAgentId;
        var after = new CallSettingsChange(business.GreetingText, business.ReplyPrompt, business.FallbackMessage, business.DefaultAgentId);
        if (before != after)
        {
            audit.Record(db, AuditActions.CallSettingsChanged, AuditTarget.Business(BusinessId), CallSettingsDifference(before, after));
        }
        await db.SaveChangesAsync();
        await ForgetNumberAsync(business.TwilioNumber);
        return true;
    }

    public async Task<bool> SetWhatsAppNumber(string? e164)
    {
        await using var db = contexts.For(BusinessId);
        // Businesses carry no tenant filter: the number is unique across them, since it is how a message finds its business.
        if (e164 is not null && await db.Businesses.AnyAsync(b => b.WhatsAppNumber == e164 && b.Id != BusinessId))
        {
            return false;
        }
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        if (business.WhatsAppNumber != e164)
        {
            audit.Record(db, AuditActions.WhatsAppSenderChanged, AuditTarget.Business(BusinessId),
                new AuditChange<string?>(business.WhatsAppNumber, e164));
        }
        business.WhatsAppNumber = e164;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException error) when (error.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another business took the number a moment ago.
            return false;
        }
        return true;
    }

    public async Task SetWhatsAppTemplates(string? templatesJson)
    {
        await using var db = contexts.For(BusinessId);
        await db.Businesses.Where(b => b.Id == BusinessId).ExecuteUpdateAsync(set => set.SetProperty(b => b.WhatsAppTemplatesJson, templatesJson));
    }

    public async Task<string?> SetGreetingAudio(string? mediaKey)
    {
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        var previous = business.GreetingAudioKey;
        business.GreetingAudioKey = mediaKey;
        await db.SaveChangesAsync();
        await ForgetNumberAsync(business.TwilioNumber);
        return previous == mediaKey ? null : previous;
    }

    public async Task<string?> SetHoldClip(string? mediaKey, double? seconds)
    {
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        var previous = business.HoldClipKey;
        business.HoldClipKey = mediaKey;
        business.HoldClipSeconds = mediaKey is null ? null : seconds;
        await db.SaveChangesAsync();
        await ForgetNumberAsync(business.TwilioNumber);
        return previous == mediaKey ? null : previous;
    }

    /// <summary>Only the settings that changed, each as old → new, keyed by the request's field name.</summary>
    private static Dictionary<string, AuditChange<object?>> CallSettingsDifference(CallSettingsChange before, CallSettingsChange after)
    {
        var changes = new Dictionary<string, AuditChange<object?>>();
        void Compare(string field, object? old, object? @new)
        {
            if (!Equals(old, @new))
            {
                changes[field] = new(old, @new);
            }
        }
        Compare("greetingText", before.GreetingText, after.GreetingText);
        Compare("replyPrompt", before.ReplyPrompt, after.ReplyPrompt);
        Compare("fallbackMessage", before.FallbackMessage, after.FallbackMessage);
        Compare("defaultAgentId", before.DefaultAgentId, after.DefaultAgentId);
        return changes;
    }

    public async Task SetCallbackTiming(CallbackTimingChange change)
    {
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        var before = CallbackTiming(business);
        business.CallbackDelayMinutes = change.DelayMinutes;
        var hours = change.WorkingDays is { Count: > 0 } && change.Opens is not null && change.Closes is not null;
        business.WorkingDays = hours ? [.. change.WorkingDays!.Distinct().Order()] : null;
        business.WorkOpensAt = hours ? change.Opens : null;
        business.WorkClosesAt = hours ? change.Closes : null;
        var after = CallbackTiming(business);
        if (before != after)
        {
            audit.Record(db, AuditActions.CallSettingsChanged, AuditTarget.Business(BusinessId),
                new Dictionary<string, AuditChange<string>> { ["callbackTiming"] = new(before, after) });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The callback timing as one readable line, so its audit row shows old → new at a glance.</summary>
    private static string CallbackTiming(Data.Entities.Business business) =>
        business.WorkingDays is { Count: > 0 } days
            ? $"{business.CallbackDelayMinutes} דקות; ימים {string.Join(",", days)}, {business.WorkOpensAt:HH\\:mm}–{business.WorkClosesAt:HH\\:mm}"
            : $"{business.CallbackDelayMinutes} דקות; כל השבוע";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<FeatureSets> LoadFeaturesAsync()
    {
        if (features is null)
        {
            await using var db = contexts.For(BusinessId);
            var stored = await db.Businesses.Where(b => b.Id == BusinessId)
                .Select(b => new { b.PlanFeatures, b.EnabledFeatures }).SingleOrDefaultAsync();
            features = FeatureSets.Of(stored?.PlanFeatures ?? [], stored?.EnabledFeatures);
        }
        return features;
    }

    /// <summary>The plan, and what of it is on: a stored switch outside the plan (the plan shrank since) stays off.</summary>
    private sealed record FeatureSets(IReadOnlyList<string> Plan, IReadOnlyList<string> Enabled)
    {
        public static FeatureSets Of(IEnumerable<string> plan, IEnumerable<string>? enabled) =>
            new(FeatureNames.Effective(plan, null), FeatureNames.Effective(plan, enabled));
    }
}
