using System.Net;
using System.Text.RegularExpressions;
using AgentLocator.Api.Operator;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Accounts;

/// <summary>
/// <c>AgentLocator.Api admin …</c> run as its own process against the test stack's database and Redis: what it creates
/// the running API serves, and a suspension it makes signs out tabs open on the running API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OperatorCommandLineTests(AgentLocatorApiFactory api)
{
    private Dictionary<string, string?> Environment => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__agentlocator"] = TestServices.ConnectionStringFor(api.DatabaseName),
        ["ConnectionStrings__redis"] = TestServices.Redis,
        ["Orleans__ClusterId"] = api.ClusterId,
    };

    [GeneratedRegex(@"https?://\S+/invite/(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task Create_list_suspend_and_resume_from_the_command_line()
    {
        var name = "עסק מהשורה " + Guid.NewGuid().ToString("N")[..6];
        var (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "create-business", "--name", name, "--plan", "standard",
            "--time-zone", "Asia/Jerusalem", "--admin-email", $"cli-{Guid.NewGuid():N}@test.local", "--admin-phone", "054-555-0123");
        Assert.True(exit == OperatorCommandLine.Done, output);
        var token = InvitationLink().Match(output).Groups["token"].Value;
        Assert.NotEmpty(token);

        var (admin, auth) = await api.AcceptedAsync(token, "מנהל מהשורה");
        var (hub, sessionEnded, closed) = await api.ConnectHubAsync(auth.AccessToken);
        await using var _ = hub;

        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "list-businesses");
        Assert.Equal(OperatorCommandLine.Done, exit);
        var line = output.Split('\n').Single(l => l.Contains(name));
        Assert.Contains(auth.User.BusinessId.ToString(), line);
        Assert.Contains("standard", line);
        Assert.Contains("active", line);

        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "suspend-business", "--id", auth.User.BusinessId.ToString());
        Assert.True(exit == OperatorCommandLine.Done, output);
        Assert.Equal("business-suspended", await sessionEnded.WaitAsync(AccountsTestSupport.Patience));
        await closed.WaitAsync(AccountsTestSupport.Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.Http.GetAsync("/api/me")).StatusCode);

        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "set-plan", "--id", auth.User.BusinessId.ToString(), "--plan", "basic");
        Assert.True(exit == OperatorCommandLine.Done, output);
        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "resume-business", "--id", auth.User.BusinessId.ToString());
        Assert.True(exit == OperatorCommandLine.Done, output);
        using var again = new ApiClient(api);
        await again.SignInAsync(auth.User.Email, AccountsTestSupport.StrongPassword);
        var features = await again.Http.GetStringAsync("/api/admin/features");
        Assert.Contains("\"plan\":[\"crm\",\"calls\"]", features);

        // Each step is in the business's audit log, by the operator from the command line (no address: no request).
        var rows = (await Audit.AuditTestSupport.RowsAsync(api, auth.User.BusinessId)).Where(row => row.ActorType == "operator").ToList();
        Assert.Equal(["business-created", "business-suspended", "business-plan-changed", "business-resumed"], rows.Select(row => row.Action));
        Assert.All(rows, row =>
        {
            Assert.Equal("operator", row.ActorName);
            Assert.Equal("command line", row.UserAgent);
            Assert.Null(row.Ip);
        });
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_the_usage_and_an_unknown_business_exits_1()
    {
        var (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "create-business", "--name", "x", "--plan", "gold", "--admin-email", "nope");
        Assert.Equal(OperatorCommandLine.Usage, exit);
        Assert.Contains("--plan", output);
        Assert.Contains("--admin-email", output);

        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "frobnicate");
        Assert.Equal(OperatorCommandLine.Usage, exit);
        Assert.Contains("create-business", output);

        (exit, _) = await ApiProcess.RunAsync(Environment, "admin", "suspend-business", "--id", Guid.NewGuid().ToString());
        Assert.Equal(OperatorCommandLine.Refused, exit);
    }

    [Fact]
    public async Task Without_a_public_address_create_business_refuses_and_creates_nothing()
    {
        var production = new Dictionary<string, string?>(Environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        var name = "עסק בלי כתובת " + Guid.NewGuid().ToString("N")[..6];
        var (exit, output) = await ApiProcess.RunAsync(production, "admin", "create-business", "--name", name, "--plan", "standard",
            "--admin-email", $"cli-{Guid.NewGuid():N}@test.local");
        Assert.Equal(OperatorCommandLine.Usage, exit);
        Assert.Contains("PUBLIC_HOST", output);
        Assert.DoesNotMatch(InvitationLink(), output);

        (exit, output) = await ApiProcess.RunAsync(Environment, "admin", "list-businesses");
        Assert.Equal(OperatorCommandLine.Done, exit);
        Assert.DoesNotContain(name, output);
    }
}
