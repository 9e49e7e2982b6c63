using System.Text.RegularExpressions;
using AgentLocator.Api.Tests.Contracts;
using AgentLocator.Grains.Audit;

namespace AgentLocator.Api.Tests.Audit;

/// <summary>The web's one map of Hebrew action names names exactly the actions the server records.</summary>
public sealed partial class AuditVocabularyTests
{
    [GeneratedRegex(@"^\s*'(?<name>[a-z-]+)':\s*'[^']+',\s*$", RegexOptions.Multiline)]
    private static partial Regex LabelEntry();

    [Fact]
    public void Every_recorded_action_has_a_Hebrew_name_in_the_web_app_and_no_other()
    {
        var path = Path.Combine(OpenApiContractTests.FindRepositoryRoot(), "AgentLocator.Web", "src", "features", "audit", "auditActions.ts");
        var source = File.ReadAllText(path);
        var labels = source[source.IndexOf("AUDIT_ACTION_LABELS", StringComparison.Ordinal)..source.IndexOf("} as const", StringComparison.Ordinal)];

        var named = LabelEntry().Matches(labels).Select(match => match.Groups["name"].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(AuditActions.Names.Order(StringComparer.Ordinal), named);
    }
}
