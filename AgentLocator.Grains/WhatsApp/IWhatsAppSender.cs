namespace AgentLocator.Grains.WhatsApp;

/// <summary>One message to hand to Twilio. Numbers are E.164 (the sender adds <c>whatsapp:</c>).</summary>
public sealed record WhatsAppSend(
    string From, string To, string? Body, string? TemplateId, IReadOnlyDictionary<string, string>? Variables, Guid MessageId);

/// <summary>Twilio's answer to a send: the new message's SID and first status.</summary>
public sealed record WhatsAppSent(string MessageSid, string Status);

/// <summary>Twilio refused the send (or could not be reached): its error code when it gave one.</summary>
public sealed class WhatsAppSendException(int? errorCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int? ErrorCode { get; } = errorCode;
}

/// <summary>Sends WhatsApp messages (Twilio's Messages API in production, the fake in tests).</summary>
public interface IWhatsAppSender
{
    /// <summary>False when Twilio's account credentials are not configured: nothing can be sent.</summary>
    bool IsConfigured { get; }

    /// <exception cref="WhatsAppSendException">Twilio refused the message or could not be reached.</exception>
    Task<WhatsAppSent> SendAsync(WhatsAppSend message, CancellationToken cancellationToken);
}
