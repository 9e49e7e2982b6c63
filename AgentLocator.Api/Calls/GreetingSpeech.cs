using System.Threading.Channels;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Calls;

/// <summary>
/// Each business's greeting text spoken once by Google TTS and kept in the media store, so incoming_call can
/// &lt;Play&gt; it without waiting on an outside service. It is made here, in the background: at start-up for every
/// business that answers calls, and again whenever a business saves its call settings. The speech cache is keyed by
/// voice and text, so a changed text or voice is spoken anew and an unchanged one costs no request.
/// </summary>
public sealed class GreetingSpeech(
    ISpeechSynthesizer speech, TenantDbContextFactory contexts, ILogger<GreetingSpeech> logger) : BackgroundService
{
    private readonly Channel<Guid> due = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// The text that is spoken ahead: the greeting as a caller without a known name hears it. A greeting that names a
    /// known caller is a different text, so that caller hears it through &lt;Say&gt; rather than a greeting missing their name.
    /// </summary>
    public static string TextFor(string businessName, string? greetingText) => CallGreetings.Greeting(businessName, null, greetingText);

    /// <summary>The cached speech of exactly <paramref name="greeting"/>, or null. Only the media store is read.</summary>
    public Task<string?> FindAsync(string greeting, CancellationToken cancellationToken) => speech.FindCachedAsync(greeting, cancellationToken);

    /// <summary>Asks for the business's greeting to be (re)made in the background; returns at once.</summary>
    public void Refresh(Guid businessId)
    {
        if (speech.IsConfigured)
        {
            due.Writer.TryWrite(businessId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!speech.IsConfigured)
        {
            return;
        }
        try
        {
            // Only the businesses table is read, so switching its tenant filter off exposes no other business's rows.
            await using (var db = contexts.AcrossTenants())
            {
                foreach (var business in await db.Businesses.IgnoreQueryFilters().AsNoTracking()
                    .Where(b => b.TwilioNumber != null).Select(b => b.Id).ToListAsync(stoppingToken))
                {
                    Refresh(business);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogWarning(error, "Could not list the businesses whose greetings to speak; they are spoken when their settings are next saved");
        }
        await foreach (var business in due.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SpeakAsync(business, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                // Calls still get the greeting through <Say>; the next save or start-up tries again.
                logger.LogWarning(error, "Could not speak the greeting of business {BusinessId}", business);
            }
        }
    }

    private async Task SpeakAsync(Guid businessId, CancellationToken cancellationToken)
    {
        await using var db = contexts.For(businessId);
        var business = await db.Businesses.AsNoTracking().Where(b => b.Id == businessId)
            .Select(b => new { b.Name, b.GreetingText }).SingleOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return;
        }
        var spoken = await speech.SynthesizeAsync(TextFor(business.Name, business.GreetingText), cancellationToken);
        if (!spoken.FromCache)
        {
            logger.LogInformation("Spoke the greeting of business {BusinessId}", businessId);
        }
    }
}
