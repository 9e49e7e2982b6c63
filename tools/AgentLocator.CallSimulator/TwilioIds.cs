using System.Security.Cryptography;

namespace AgentLocator.CallSimulator;

/// <summary>Twilio's resource ids: a two-letter type prefix and 32 lowercase hex digits.</summary>
public static class TwilioIds
{
    public static string NewCallSid() => New("CA");
    public static string NewAccountSid() => New("AC");
    public static string NewRecordingSid() => New("RE");
    public static string NewMessageSid() => New("SM");
    public static string NewMediaSid() => New("ME");

    private static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
