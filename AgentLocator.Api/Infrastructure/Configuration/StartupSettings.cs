namespace AgentLocator.Api.Infrastructure.Configuration;

/// <summary>
/// The start-up check of the settings, before anything is built: in Production every required setting must be
/// present (<see cref="RequiredSettings"/>); in every environment each set value must be within its range
/// (<see cref="SettingLimits"/>). Every problem is reported in one line, by the names an operator sets.
/// </summary>
public static class StartupSettings
{
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration, IHostEnvironment environment, bool migrateOnly = false)
    {
        var problems = new List<string>();
        if (!environment.IsDevelopment())
        {
            problems.AddRange(RequiredSettings.FindProblems(configuration, migrateOnly));
        }
        // Migrating reads only the database setting; the rest is for serving.
        if (!migrateOnly)
        {
            problems.AddRange(SettingLimits.FindProblems(configuration));
        }
        return problems;
    }

    public static void EnsureUsable(IConfiguration configuration, IHostEnvironment environment, bool migrateOnly = false)
    {
        var problems = FindProblems(configuration, environment, migrateOnly);
        if (problems.Count > 0)
        {
            throw new InvalidSettingsException(
                $"AgentLocator cannot start in {environment.EnvironmentName}: {string.Join("; ", problems)}.");
        }
    }
}

/// <summary>A setting is missing or holds a value it may not; the message names it and says what is allowed.</summary>
public sealed class InvalidSettingsException(string message) : Exception(message);
