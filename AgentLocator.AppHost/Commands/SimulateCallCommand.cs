using AgentLocator.CallSimulator;

namespace AgentLocator.AppHost.Commands;

/// <summary>
/// The api's "Simulate a call" command: plays Twilio for one inbound call against the running API with
/// tools/AgentLocator.CallSimulator (in-process), signed for the public host and with the Twilio token the API was
/// given, so the signatures pass the API's check. The conversation goes to the log of the replica it was run on.
/// </summary>
internal static class SimulateCallCommand
{
    public const string Name = "simulate-call";

    /// <summary>The API's Development default for Twilio:AuthToken (DevelopmentDefaults in AgentLocator.Api).</summary>
    public const string DevelopmentTwilioToken = SimulationOptions.DevelopmentToken;

    /// <summary>
    /// The token the API will check signatures with: what the developer exported (the .NET key wins, as in the API's
    /// configuration), else the API's Development default. The AppHost hands it to both sides.
    /// </summary>
    public static string TwilioToken(Func<string, string?> environment) =>
        NonEmpty(environment("Twilio__AuthToken")) ?? NonEmpty(environment("TWILIO_TOKEN")) ?? DevelopmentTwilioToken;

    public static string TwilioToken(IConfiguration configuration) =>
        TwilioToken(name => configuration[name.Replace("__", ":", StringComparison.Ordinal)]);

    /// <summary>What the simulator is run with: the API's address, the public host it signs for, no pauses.</summary>
    public static IReadOnlyList<string> Arguments(string api, string publicHost) =>
        ["--api", api, "--public-host", publicHost, "--speed", "0"];

    public static IResourceBuilder<ProjectResource> WithSimulateCallCommand(
        this IResourceBuilder<ProjectResource> api, EndpointReference publicHost, string twilioToken) =>
        api.WithCommand(Name, "Simulate a call", async context =>
        {
            var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
            var apiUrl = api.GetEndpoint("http").Url;
            var arguments = Arguments(apiUrl, publicHost.Url);
            logger.LogInformation("[simulate-call] {Arguments}", string.Join(' ', arguments));
            try
            {
                var commandLine = CommandLine.Parse(arguments, name => name == "TWILIO_TOKEN" ? twilioToken : null);
                var turns = await commandLine.BuildTurnsAsync(context.CancellationToken);
                await using var output = new ResourceLogWriter(logger, "simulate-call");
                var result = await new CallSimulation().RunAsync(commandLine.Options with { Turns = turns }, output, context.CancellationToken);
                SimulationReport.WriteSummary(result, output);
                return result.Succeeded
                    ? CommandResults.Success()
                    : CommandResults.Failure($"the call went wrong: {result.FailureReason} (the whole call is in the log)");
            }
            catch (Exception e) when (e is HttpRequestException or CommandLineException or ArgumentException or TaskCanceledException)
            {
                logger.LogError("[simulate-call] {Message}", e.Message);
                return CommandResults.Failure(e.Message);
            }
        }, new CommandOptions
        {
            Description = "Plays Twilio for one call against the webhooks (tools/AgentLocator.CallSimulator); the conversation goes to this log",
            IconName = "Call",
            UpdateState = context => context.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
