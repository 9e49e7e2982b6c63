namespace AgentLocator.AppHost.Commands;

/// <summary>
/// The api's "Reset demo data" command: asks the API (its Development-only endpoint) to drop the schema, migrate
/// again and apply the demo seed. The API does it itself, under the lock its start-up migrations take, so the
/// replicas keep running; restarting them from here would need DCP to stop <c>dotnet run</c>, which it does not do
/// reliably without a terminal.
/// </summary>
internal static class ResetDemoDataCommand
{
    public const string Name = "reset-demo-data";

    /// <summary>AgentLocator.Api's DevelopmentReset.Path.</summary>
    public const string ApiPath = "/api/development/reset-demo-data";

    public static IResourceBuilder<ProjectResource> WithResetDemoDataCommand(this IResourceBuilder<ProjectResource> api) =>
        api.WithCommand(Name, "Reset demo data", async context =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(api.GetEndpoint("http").Url), Timeout = TimeSpan.FromMinutes(2) };
            using var response = await http.PostAsync(ApiPath, content: null, context.CancellationToken);
            return response.IsSuccessStatusCode
                ? CommandResults.Success()
                : CommandResults.Failure($"the API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(context.CancellationToken)}");
        }, new CommandOptions
        {
            Description = "Drops everything in the development database and applies the demo seed again",
            ConfirmationMessage = "Every business, customer, call and task in the development database will be deleted and the demo seed applied again. Continue?",
            IconName = "ArrowReset",
        });
}
