using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// Reads settings into flat option classes the way <c>Bind</c> does, with two differences: a <see cref="TimeSpan"/> is
/// read as a duration (<see cref="Durations"/>: "4" is four seconds, not four days), and a value its
/// <see cref="SettingLimits"/> rule refuses fails the options' validation at start-up, with the key named, instead of
/// being used. The start-up check reports the same problems earlier and all at once; this is what guarantees them
/// wherever the options are built (a test host, a tool).
/// </summary>
public static class SettingsBinding
{
    /// <summary>Binds <typeparamref name="T"/>'s public settable properties from <paramref name="sectionName"/>, validated at start-up.</summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> options, string sectionName) where T : class
    {
        options.Configure<IConfiguration>((target, configuration) => Bind(target, configuration, sectionName));
        options.Services.AddSingleton<IValidateOptions<T>>(provider =>
            new SectionLimitsValidator<T>(options.Name, sectionName, provider.GetRequiredService<IConfiguration>()));
        return options.ValidateOnStart();
    }

    public static void Bind(object target, IConfiguration configuration, string sectionName)
    {
        foreach (var property in SettableProperties(target.GetType()))
        {
            var key = sectionName + ":" + property.Name;
            // A value its rule refuses keeps the default here; the validator reports it and the start stops.
            if (SettingLimits.FindProblem(configuration, key) is not null)
            {
                continue;
            }
            if (Read(configuration, key, property.PropertyType) is { } value)
            {
                property.SetValue(target, value);
            }
        }
    }

    internal static IEnumerable<PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod is { IsPublic: true });

    /// <summary>The duration at <paramref name="key"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static TimeSpan GetDuration(this IConfiguration configuration, string key, TimeSpan fallback) =>
        Read(configuration, key, typeof(TimeSpan)) is TimeSpan duration ? duration : fallback;

    /// <summary>The whole number at <paramref name="key"/>, or <paramref name="fallback"/> when it is not set.</summary>
    public static int GetWholeNumber(this IConfiguration configuration, string key, int fallback) =>
        Read(configuration, key, typeof(int)) is int number ? number : fallback;

    /// <summary>Null when the setting is not set (empty counts as not set, except for text).</summary>
    private static object? Read(IConfiguration configuration, string key, Type type)
    {
        var text = configuration[key];
        if (text is null || (text.Trim().Length == 0 && type != typeof(string)))
        {
            return null;
        }
        if (SettingLimits.FindProblem(configuration, key) is { } problem)
        {
            throw new InvalidSettingsException(problem);
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return text;
        }
        if (target == typeof(TimeSpan))
        {
            return Durations.TryParse(text, out var duration)
                ? duration
                : throw new InvalidSettingsException($"{key.Replace(":", "__", StringComparison.Ordinal)} is \"{text}\": give a duration ({Durations.Forms})");
        }
        try
        {
            // Numbers and switches as the configuration binder converts them: invariant culture.
            return TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text.Trim());
        }
        catch (Exception refused) when (refused is FormatException or ArgumentException or NotSupportedException
                                        || refused.InnerException is FormatException or OverflowException)
        {
            throw new InvalidSettingsException(
                string.Create(CultureInfo.InvariantCulture, $"{key.Replace(":", "__", StringComparison.Ordinal)} is \"{text}\", which is not a {target.Name}"));
        }
    }
}

/// <summary>Fails the options of one section when a value in it is outside its <see cref="SettingLimits"/> rule.</summary>
internal sealed class SectionLimitsValidator<T>(string? optionsName, string sectionName, IConfiguration configuration) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        if (optionsName is not null && name != optionsName)
        {
            return ValidateOptionsResult.Skip;
        }
        List<string> problems = [.. SettingsBinding.SettableProperties(typeof(T))
            .Select(property => SettingLimits.FindProblem(configuration, sectionName + ":" + property.Name)).OfType<string>()];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
