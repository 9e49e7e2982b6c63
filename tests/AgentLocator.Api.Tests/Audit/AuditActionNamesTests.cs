using System.Text.RegularExpressions;
using AgentLocator.Api.Tests.Contracts;
using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>The CSV export (server) and the audit page (web) name every action in the same Hebrew words.</summary>
public sealed partial class AuditActionNamesTests
{
    [GeneratedRegex(@"^  '(?<code>[a-z-]+)': '(?<hebrew>[^']+)',$", RegexOptions.Multiline)]
    private static partial Regex WebLabel();

    [Fact]
    public void Every_action_has_the_web_apps_hebrew_name()
    {
        var path = Path.Combine(OpenApiContractTests.FindRepositoryRoot(), "AgentLocator.Web", "src", "features", "audit", "auditActions.ts");
        // Only the actions' map: the file's other maps (actor and target types) have lines of the same shape.
        var text = File.ReadAllText(path);
        var start = text.IndexOf("AUDIT_ACTION_LABELS = {", StringComparison.Ordinal);
        var actions = text[start..text.IndexOf("} as const;", start, StringComparison.Ordinal)];
        var web = WebLabel().Matches(actions).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["hebrew"].Value);

        Assert.Equal(AuditActions.All.ToDictionary(a => a.Name, a => a.Hebrew), web);
        Assert.All(AuditActions.All, action => Assert.Matches(@"^[\p{IsHebrew} \-]+$", action.Hebrew));
        Assert.Equal("שינוי תכונות העסק", AuditActions.HebrewOf("business-features-changed"));
        Assert.Equal("some-newer-action", AuditActions.HebrewOf("some-newer-action"));
    }
}
