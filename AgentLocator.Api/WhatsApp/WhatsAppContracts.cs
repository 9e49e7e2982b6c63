using System.Text.Json;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.WhatsApp;

/// <summary>What an agent sends: <c>{ body }</c> (free text, inside the 24-hour window) or <c>{ templateId, variables }</c>.</summary>
public sealed record WhatsAppSendRequest(string? Body, string? TemplateId, Dictionary<string, string>? Variables);

/// <summary>A media item of a message; <c>url</c> is ours (served to agents) once the file has been fetched from Twilio.</summary>
public sealed record WhatsAppMediaItem(int Index, string? ContentType, long? Bytes, string? Url);

/// <summary>One message of a customer's thread; <c>transcript</c> is a voice note's text once transcribed.</summary>
public sealed record WhatsAppMessageResponse(
    Guid Id,
    Guid? CustomerId,
    WhatsAppDirection Direction,
    WhatsAppStatus Status,
    string? Body,
    string? TemplateId,
    IReadOnlyDictionary<string, string>? Variables,
    IReadOnlyList<WhatsAppMediaItem> Media,
    string? ProfileName,
    string? Transcript,
    int? ErrorCode,
    string? ErrorMessage,
    Guid? SentByUserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WhatsAppMessageResponse From(WhatsAppMessage message)
    {
        var media = JsonSerializer.Deserialize<List<WhatsAppMedia>>(message.MediaJson, JsonSerializerOptions.Web) ?? [];
        var variables = message.TemplateVariablesJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;
        return new WhatsAppMessageResponse(message.Id, message.CustomerId, message.Direction, message.Status, message.Body, message.TemplateId,
            variables,
            [.. media.Select((item, index) => new WhatsAppMediaItem(index, item.ContentType, item.Bytes,
                item.MediaKey is null || message.CustomerId is not { } customer ? null : $"/api/whatsapp/customers/{customer}/messages/{message.Id}/media/{index}"))],
            message.ProfileName, message.Transcript, message.ErrorCode, message.ErrorMessage, message.SentByUserId,
            message.CreatedAt.ToUniversalTime(), message.UpdatedAt.ToUniversalTime());
    }
}

/// <summary>The 24-hour window: open (free text allowed) until <c>closesAt</c>; null when the customer never wrote.</summary>
public sealed record WhatsAppWindowState(bool Open, DateTimeOffset? ClosesAt);

/// <summary>A page of the thread, newest first; <c>nextCursor</c> reads older messages.</summary>
public sealed record WhatsAppThreadPage(IReadOnlyList<WhatsAppMessageResponse> Items, string? NextCursor, WhatsAppWindowState Window);
