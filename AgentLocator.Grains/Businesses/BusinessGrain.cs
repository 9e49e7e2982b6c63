using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Businesses;

public sealed class BusinessGrain(TenantDbContextFactory contexts) : Grain, IBusinessGrain
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

    public Task Reload()
    {
        features = null;
        userLimits.Clear();
        usersOfOtherBusinesses.Clear();
        return Task.CompletedTask;
    }

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
        user.FeatureLimits = limits is null ? null : [.. FeatureNames.Effective(limits, null)];
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
        business.GreetingText = Blank(change.GreetingText);
        business.ReplyPrompt = Blank(change.ReplyPrompt);
        business.FallbackMessage = Blank(change.FallbackMessage);
        business.DefaultAgentId = change.DefaultAgentId;
        await db.SaveChangesAsync();
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

    public async Task<string?> SetGreetingAudio(string? mediaKey)
    {
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        var previous = business.GreetingAudioKey;
        business.GreetingAudioKey = mediaKey;
        await db.SaveChangesAsync();
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
        return previous == mediaKey ? null : previous;
    }

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
