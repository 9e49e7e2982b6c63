using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;

namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>The spoken reply and the after-call summary, from a chat model through Microsoft.Extensions.AI.</summary>
public sealed class OpenAICallReplyWriter(IChatClient chat, ILogger<OpenAICallReplyWriter> logger) : ICallReplyWriter
{
    // Enough for two spoken sentences in Hebrew (which costs more tokens per word than English), and a hard stop on
    // a model that starts to ramble while the caller waits.
    private static readonly ChatOptions ReplyOptions = new() { MaxOutputTokens = 300, Temperature = 0.4f };

    // The summary is read by people and parsed by us: no creativity wanted.
    private static readonly ChatOptions SummaryOptions = new() { MaxOutputTokens = 700, Temperature = 0f };

    public bool IsConfigured => true;

    public async Task<string> WriteReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(CallPrompts.ForReply(request), ReplyOptions, cancellationToken);
        var reply = SpokenReply.Tidy(answer);
        if (reply.Length == 0)
        {
            // Nothing to say is a failure for the pipeline, which then plays the business's fallback message.
            throw new InvalidOperationException("The chat model returned an empty reply.");
        }
        logger.LogInformation("Wrote a {Characters}-character reply.", reply.Length);
        return reply;
    }

    public async Task<CallSummary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        var answer = await AskAsync(CallPrompts.ForSummary(request), SummaryOptions, cancellationToken);
        var summary = CallSummaryParser.Parse(answer);
        logger.LogInformation("Summarized a call: intent {Intent}, {LeadFields} lead fields.", summary.Intent, summary.Lead.Count);
        return summary;
    }

    private async Task<string> AskAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        try
        {
            // A copy per call: the client may fill in defaults (such as the model id) on the options it is given.
            var response = await chat.GetResponseAsync(messages, options.Clone(), cancellationToken);
            return response.Text;
        }
        catch (OperationCanceledException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The chat model did not answer in time.", timeout);
        }
    }
}
