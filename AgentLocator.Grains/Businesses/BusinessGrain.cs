using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Features;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Businesses;

public sealed class BusinessGrain(TenantDbContextFactory contexts) : Grain, IBusinessGrain
{
    private readonly Dictionary<Guid, IReadOnlyList<string>?> userLimits = [];
    private readonly HashSet<Guid> usersOfOtherBusinesses = [];
    private List<string>? plan;

    private Guid BusinessId => this.GetPrimaryKey();

    public async Task<IReadOnlyList<string>> GetEffectiveFeatures(Guid userId)
    {
        var planFeatures = await LoadPlanAsync();
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
        return FeatureNames.Effective(planFeatures, limits);
    }

    public async Task<IReadOnlyList<string>> GetPlanFeatures() => FeatureNames.Effective(await LoadPlanAsync(), null);

    public async Task<IReadOnlyList<string>> SetPlanFeatures(IReadOnlyList<string> features)
    {
        await using var db = contexts.For(BusinessId);
        var business = await db.Businesses.SingleAsync(b => b.Id == BusinessId);
        business.PlanFeatures = [.. FeatureNames.Effective(features, null)];
        await db.SaveChangesAsync();
        plan = business.PlanFeatures;
        return plan;
    }

    public async Task<bool> SetUserFeatureLimits(Guid userId, IReadOnlyList<string>? limits)
    {
        await using var db = contexts.For(BusinessId);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId);
        if (user is null)
        {
            return false;
        }
        user.FeatureLimits = limits is null ? null : [.. FeatureNames.Effective(limits, null)];
        await db.SaveChangesAsync();
        userLimits[userId] = user.FeatureLimits;
        return true;
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

    private async Task<List<string>> LoadPlanAsync()
    {
        if (plan is null)
        {
            await using var db = contexts.For(BusinessId);
            plan = await db.Businesses.Where(b => b.Id == BusinessId).Select(b => b.PlanFeatures).SingleOrDefaultAsync() ?? [];
        }
        return plan;
    }
}
