using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLocator.Api.Tests.Infrastructure;

namespace AgentLocator.Api.Tests.Contracts;

/// <summary>
/// The web app's TypeScript contracts are generated from a checked-in copy of the API's OpenAPI document
/// (AgentLocator.Web/src/api/openapi.json). This test keeps that copy honest: an API change that alters the
/// document fails here until the copy and the generated types are refreshed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiContractTests(AgentLocatorApiFactory api)
{
    private const string UpdateVariable = "UPDATE_CONTRACTS";

    [Fact]
    public async Task Checked_in_openapi_document_matches_what_the_api_serves()
    {
        using var client = new ApiClient(api);
        var served = Normalize(await client.Http.GetStringAsync("/openapi/v1.json"));
        var path = Path.Combine(FindRepositoryRoot(), "AgentLocator.Web", "src", "api", "openapi.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var checkedIn = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        Assert.True(
            checkedIn.ReplaceLineEndings("\n") == served,
            $"{path} differs from the API's /openapi/v1.json: run ./scripts/update-contracts.sh");
    }

    /// <summary>
    /// One stable text for one document: indented, "\n" line ends, and without the servers list (it names the
    /// test server's random port).
    /// </summary>
    private static string Normalize(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        root.Remove("servers");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    internal static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgentLocator.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (AgentLocator.sln) is not above " + AppContext.BaseDirectory);
    }
}
