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
