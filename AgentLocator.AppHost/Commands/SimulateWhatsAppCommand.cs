using AgentLocator.CallSimulator;

namespace AgentLocator.AppHost.Commands;

/// <summary>
/// The api's "Simulate a WhatsApp message" command: plays Twilio posting one inbound WhatsApp message (text, a voice note
/// and a photo) to the running API with tools/AgentLocator.CallSimulator (in-process), signed for the public host with the
/// token the API was given, to the demo business's sender. The exchange goes to the log of the replica it was run on.
/// </summary>
internal static class SimulateWhatsAppCommand
{
    public const string Name = "simulate-whatsapp";

    /// <summary>What the simulator is run with: the API's address, the public host it signs for, a voice note and a photo.</summary>
    public static IReadOnlyList<string> Arguments(string api, string publicHost) =>
        ["--api", api, "--public-host", publicHost, "--voice-note", "--photo"];

    public static IResourceBuilder<ProjectResource> WithSimulateWhatsAppCommand(
        this IResourceBuilder<ProjectResource> api, EndpointReference publicHost, string twilioToken) =>
        api.WithCommand(Name, "Simulate a WhatsApp message", async context =>
        {
            var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
            var arguments = Arguments(api.GetEndpoint("http").Url, publicHost.Url);
            logger.LogInformation("[simulate-whatsapp] {Arguments}", string.Join(' ', arguments));
            try
            {
                var command = WhatsAppCommandLine.Parse(arguments, name => name == "TWILIO_TOKEN" ? twilioToken : null);
                await using var output = new ResourceLogWriter(logger, "simulate-whatsapp");
                var result = await new WhatsAppSimulation().RunAsync(await command.BuildAsync(context.CancellationToken), output, context.CancellationToken);
                return result.Succeeded
                    ? CommandResults.Success()
                    : CommandResults.Failure($"the message went wrong: {result.FailureReason} (the exchange is in the log)");
            }
            catch (Exception e) when (e is HttpRequestException or CommandLineException or ArgumentException or TaskCanceledException)
            {
                logger.LogError("[simulate-whatsapp] {Message}", e.Message);
                return CommandResults.Failure(e.Message);
            }
        }, new CommandOptions
        {
            Description = "Plays Twilio posting a WhatsApp message with a voice note and a photo (tools/AgentLocator.CallSimulator); the exchange goes to this log",
            IconName = "Chat",
            UpdateState = context => context.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
}
