using System.Globalization;
using System.Net;

namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>What one setting may hold. An empty value is "not set" and is never checked here (the default applies).</summary>
public abstract record SettingRule(string Key)
{
    /// <summary>What is allowed, in the words the start-up message and the README use.</summary>
    public abstract string Allowed { get; }

    public abstract bool Accepts(string text);
}

public sealed record DurationRule(string Key, TimeSpan Min, TimeSpan Max) : SettingRule(Key)
{
    public override string Allowed => $"a duration from {Durations.Describe(Min)} to {Durations.Describe(Max)} ({Durations.Forms})";

    public override bool Accepts(string text) => Durations.TryParse(text, out var duration) && duration >= Min && duration <= Max;
}

public sealed record WholeNumberRule(string Key, int Min, int Max) : SettingRule(Key)
{
    public override string Allowed => string.Create(CultureInfo.InvariantCulture, $"a whole number from {Min} to {Max}");

    public override bool Accepts(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= Min && number <= Max;
}

public sealed record NumberRule(string Key, double Min, double Max) : SettingRule(Key)
{
    public override string Allowed => string.Create(CultureInfo.InvariantCulture, $"a number from {Min} to {Max}");

    public override bool Accepts(string text) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
        && number >= Min && number <= Max;
}

public sealed record HttpUrlRule(string Key) : SettingRule(Key)
{
    public override string Allowed => "an http(s) URL such as \"https://example.com\"";

    public override bool Accepts(string text) => IsHttpUrl(text);

    public static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}

public sealed record IpAddressRule(string Key) : SettingRule(Key)
{
    public override string Allowed => "an IP address such as \"10.0.0.5\"";

    public override bool Accepts(string text) => IPAddress.TryParse(text.Trim(), out _);
}

/// <summary>A comma-separated list of IP addresses and CIDR networks (<c>10.0.0.5, 172.16.0.0/12, ::1</c>).</summary>
public sealed record IpNetworkListRule(string Key) : SettingRule(Key)
{
    public override string Allowed => "comma-separated IP addresses or networks such as \"127.0.0.1, 10.0.0.0/8\"";

    public override bool Accepts(string text) => TryParse(text, out _, out _);

    /// <summary>Splits the list into single addresses and networks; false when any entry is neither.</summary>
    public static bool TryParse(string text, out List<IPAddress> addresses, out List<IPNetwork> networks)
    {
        addresses = [];
        networks = [];
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            if (entry.Contains('/'))
            {
                if (!IPNetwork.TryParse(entry, out var network))
                {
                    return false;
                }
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                return false;
            }
        }
        return entries.Length > 0;
    }
}
