using System.Text.Json;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Notifications;

namespace AgentLocator.Api.Signatures;

/// <summary>
/// What the agent and the rest of the product hear of a request: a Web Push to the agent who made it when a signer signs
/// or declines (recorded in the push outbox inside the signer's transaction), and the observer after each commit. The
/// live update of open pages is the timeline's own push of the <c>signature</c> event.
/// </summary>
public sealed class SignatureNotifier(ISignatureRequestObserver observer, PushOutbox pushes, TimeProvider clock, ILogger<SignatureNotifier> logger)
{
    public const string PushType = "signature:update";

    public async Task StatusChangedAsync(SignatureRequest request, string status, Guid? signerId, CancellationToken cancellationToken)
    {
        try
        {
            await observer.OnStatusChangedAsync(new SignatureStatusChange(request.BusinessId, request.Id, request.CustomerId, request.ContractId, status,
                signerId, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "The signature observer failed for request {RequestId} ({Status}); the change stands", request.Id, status);
        }
    }

    /// <summary>Records the push in <paramref name="db"/>'s transaction; call <see cref="Wake"/> after it commits.</summary>
    public async Task<bool> RecordPushAsync(AgentLocatorDbContext db, SignatureRequest request, SignatureSigner signer, bool signed,
        CancellationToken cancellationToken)
    {
        if (request.CreatedById is not { } agent)
        {
            return false;
        }
        var payload = new SignaturePushPayload(PushType, request.Id, signed ? $"{signer.Name} חתם/ה" : $"{signer.Name} סירב/ה לחתום",
            request.Title, $"/signatures/{request.Id}");
        var message = new PushMessage(JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), "sig-" + request.Id.ToString("N")[..24],
            TimeSpan.FromDays(1));
        return await pushes.RecordAsync(db, request.BusinessId, agent, message, cancellationToken) > 0;
    }

    public void Wake() => pushes.Wake();
}

/// <summary>What the service worker shows: a title, a line, and the request's page to open.</summary>
public sealed record SignaturePushPayload(string Type, Guid RequestId, string Title, string Body, string Url);
