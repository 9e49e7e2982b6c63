using AgentLocator.Grains.Customers;

namespace AgentLocator.Grains.WhatsApp;

/// <summary>Twilio writes WhatsApp addresses as <c>whatsapp:+972…</c>; we store and match the E.164 number.</summary>
public static class WhatsAppAddresses
{
    public const string Prefix = "whatsapp:";

    public static bool TryNumber(string? address, out string e164)
    {
        var value = address?.Trim() ?? "";
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }
        e164 = "";
        if (!Phones.TryNormalize(value, out var phone))
        {
            return false;
        }
        e164 = phone.E164;
        return true;
    }

    public static string Address(string e164) => Prefix + e164;
}
