namespace AgentLocator.Api.Signatures;

/// <summary>A request or one of its signers moved to <paramref name="Status"/> (sent, viewed, signed, declined, expired, cancelled).</summary>
/// <param name="SignerId">The signer whose step it was; null for the request as a whole.</param>
public sealed record SignatureStatusChange(Guid BusinessId, Guid RequestId, Guid CustomerId, Guid? ContractId, string Status, Guid? SignerId,
    DateTimeOffset At);

/// <summary>
/// Told of every status change after it has committed, e.g. so a contract made the request from can follow its state.
/// A failure here is logged and does not undo the change. The default does nothing.
/// </summary>
public interface ISignatureRequestObserver
{
    Task OnStatusChangedAsync(SignatureStatusChange change, CancellationToken cancellationToken);
}

public sealed class NoSignatureRequestObserver : ISignatureRequestObserver
{
    public Task OnStatusChangedAsync(SignatureStatusChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
