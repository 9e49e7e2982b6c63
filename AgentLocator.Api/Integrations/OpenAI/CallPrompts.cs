using System.Text;
using AgentLocator.Grains.Calls.Providers;
using Microsoft.Extensions.AI;

namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>
/// What the chat model is told. The instructions are in English (models follow them most reliably) and insist on
/// Hebrew output; the business's own prompt and everything the caller said go in as written.
/// </summary>
public static class CallPrompts
{
    private const string ReplyRules =
        """
        You are answering a phone call for the business above. Your words are turned into speech and played to the caller.
        Always answer in Hebrew, in one or two short spoken sentences, without lists, emoji, markdown or links.
        Do not promise prices, dates or anything the business's instructions do not state; offer that an agent will call back instead.
        """;

    private const string SummaryRules =
        """
        You summarize a phone call to a business for the agent who will follow it up.
        Answer with one JSON object and nothing else, in this shape:
        {"summary": "...", "intent": "...", "lead": {"field": "value"}}
        - summary: two or three sentences in Hebrew: who called, what they want, and what was promised.
        - intent: exactly one of: {0}.
        - lead: only details the caller actually said (for example name, email, city, budget, address, preferred_time),
          as strings; an empty object when they said none.
        """;

    public static List<ChatMessage> ForReply(ReplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = new StringBuilder()
            .Append("Business: ").AppendLine(request.BusinessName)
            .AppendLine("The business's instructions:")
            .AppendLine(request.Prompt.Trim())
            .AppendLine()
            .AppendLine(ReplyRules.Trim())
            .AppendLine()
            .Append(DescribeCaller(request.Caller));
        var messages = new List<ChatMessage> { new(ChatRole.System, system.ToString()) };
        foreach (var turn in request.Earlier)
        {
            messages.Add(new ChatMessage(ChatRole.User, turn.CallerSaid));
            if (!string.IsNullOrWhiteSpace(turn.WeReplied))
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, turn.WeReplied));
            }
        }
        messages.Add(new ChatMessage(ChatRole.User, request.Transcript));
        return messages;
    }

    public static List<ChatMessage> ForSummary(SummaryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var system = new StringBuilder()
            .AppendLine(SummaryRules.Trim().Replace("{0}", string.Join(", ", CallIntents.All), StringComparison.Ordinal))
            .AppendLine()
            .Append("Business: ").AppendLine(request.BusinessName)
            .Append(DescribeCaller(request.Caller));
        var conversation = new StringBuilder();
        foreach (var turn in request.Turns)
        {
            conversation.Append("Caller: ").AppendLine(turn.CallerSaid);
            conversation.Append("We answered: ").AppendLine(turn.WeReplied ?? "(nothing: the caller heard the fallback message)");
        }
        if (request.Turns.Count == 0)
        {
            conversation.AppendLine("(The caller said nothing that could be transcribed.)");
        }
        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, conversation.ToString())];
    }

    private static string DescribeCaller(CallerContext caller)
    {
        var text = new StringBuilder().AppendLine("What we know about the caller:");
        text.Append("- Phone: ").AppendLine(caller.Phone);
        text.Append("- Name: ").AppendLine(string.IsNullOrWhiteSpace(caller.Name) ? "unknown" : caller.Name);
        text.AppendLine(caller.NewLead ? "- A new lead: first time we hear from them." : "- An existing customer.");
        if (!string.IsNullOrWhiteSpace(caller.Status))
        {
            text.Append("- Status in our CRM: ").AppendLine(caller.Status);
        }
        if (caller.RecentNotes.Count > 0)
        {
            text.AppendLine("- Recent notes:");
            foreach (var note in caller.RecentNotes)
            {
                text.Append("  - ").AppendLine(note);
            }
        }
        return text.ToString();
    }
}
