using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Integrations;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

// In the hosting namespace, like the service defaults, so the service wiring needs only the call.
namespace Microsoft.Extensions.Hosting;

public static class OpenAIServiceExtensions
{
    /// <summary>
    /// OpenAI, or the OpenAI-compatible server at OPENAI_BASE_URL: replies and call summaries, and the client the
    /// transcriber choice uses first (<see cref="OpenAIConnection"/>). On only when OPENAI_API_KEY is set; otherwise the
    /// reply writer is unconfigured and the pipeline plays the fallback message.
    /// </summary>
    public static IHostApplicationBuilder AddOpenAI(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OpenAIOptions>().BindSettings(OpenAIOptions.SectionName);
        services.AddSingleton(provider => OpenAIConnection.From(provider.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        services.AddSingleton<ICallReplyWriter>(provider => provider.GetRequiredService<OpenAIConnection>() is { Client: { } client } connection
            ? new OpenAICallReplyWriter(
                client.GetChatClient(connection.Options.ChatModel).AsIChatClient(),
                provider.GetRequiredService<ILogger<OpenAICallReplyWriter>>())
            : new UnconfiguredCallReplyWriter());
        return builder;
    }
}
