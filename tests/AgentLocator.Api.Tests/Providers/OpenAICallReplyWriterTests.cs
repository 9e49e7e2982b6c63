using System.ClientModel;
using System.Diagnostics;
using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.FakeProviders;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>Replies and summaries through Microsoft.Extensions.AI's IChatClient, over HTTP against the fake OpenAI.</summary>
public sealed class OpenAICallReplyWriterTests
{
    private static readonly CallerContext Dana = new("דנה כהן", "+972541234567", "ליד חם", NewLead: false, ["ביקשה הצעת מחיר לדירת 4 חדרים"]);

    private static readonly ReplyRequest Request = new(
        "משרד תיווך הכרמל",
        "את נציגה של משרד תיווך בחיפה. היי אדיבה וקצרה.",
        Dana,
        [new ConversationTurn("שלום, אני מחפשת דירה", "בשמחה, באיזה אזור?")],
        "אני רוצה לקבוע פגישה למחר");

    private static readonly SummaryRequest Summary = new(
        "משרד תיווך הכרמל", Dana, [new ConversationTurn("אני רוצה לקבוע פגישה למחר", "תודה, נחזור אליך בהקדם")]);

    [Fact]
    public async Task The_reply_prompt_carries_the_business_prompt_the_caller_and_the_conversation()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);

        var reply = await host.Replies.WriteReplyAsync(Request, CancellationToken.None);

        Assert.True(host.Replies.IsConfigured);
        Assert.Equal(FakeOpenAI.DefaultReply, reply);
        var chat = Assert.Single(fakes.OpenAI.Chats.All);
        Assert.True(chat.Authorized);
        Assert.False(chat.IsSummary);
        Assert.Equal("gpt-4o-mini", chat.Model);
        Assert.Contains(Request.Prompt, chat.SystemPrompt);
        Assert.Contains(Request.BusinessName, chat.SystemPrompt);
        Assert.Contains("Hebrew", chat.SystemPrompt);
        Assert.Contains("דנה כהן", chat.SystemPrompt);
        Assert.Contains("+972541234567", chat.SystemPrompt);
        Assert.Contains("ביקשה הצעת מחיר לדירת 4 חדרים", chat.SystemPrompt);
        Assert.Equal(
            [("system", null), ("user", "שלום, אני מחפשת דירה"), ("assistant", "בשמחה, באיזה אזור?"), ("user", Request.Transcript)],
            chat.Messages.Select(m => (m.Role, m.Role == "system" ? null : m.Content)));
        Assert.NotNull(chat.MaxTokens);
        Assert.DoesNotContain(fakes.OpenAI.ApiKey, host.Logs.AllText);
    }

    [Fact]
    public async Task The_configured_chat_model_is_used()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:ChatModel"] = "gpt-4.1-mini" });

        await host.Replies.WriteReplyAsync(Request, CancellationToken.None);
        await host.Replies.SummarizeAsync(Summary, CancellationToken.None);

        Assert.All(fakes.OpenAI.Chats.All, chat => Assert.Equal("gpt-4.1-mini", chat.Model));
    }

    [Fact]
    public async Task A_long_or_untidy_reply_is_made_fit_to_speak()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Reply = "\"" + string.Concat(Enumerable.Repeat("נשמח לעזור לך למצוא דירה מתאימה.\n", 40)) + "\"";

        var reply = await host.Replies.WriteReplyAsync(Request, CancellationToken.None);

        Assert.InRange(reply.Length, 200, SpokenReply.MaxLength);
        Assert.EndsWith(".", reply);
        Assert.DoesNotContain("\n", reply);
        Assert.DoesNotContain("\"", reply);
    }

    [Fact]
    public async Task An_empty_reply_is_a_failure_the_pipeline_falls_back_from()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Reply = "   ";

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Replies.WriteReplyAsync(Request, CancellationToken.None));
    }

    [Fact]
    public async Task The_summary_asks_for_json_with_every_intent_and_reads_the_answer()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);

        var summary = await host.Replies.SummarizeAsync(Summary, CancellationToken.None);

        Assert.Equal("המתקשר מבקש לקבוע פגישה.", summary.Summary);
        Assert.Equal(CallIntents.Appointment, summary.Intent);
        Assert.Equal("דנה כהן", summary.Lead["name"]);
        Assert.Equal("חיפה", summary.Lead["city"]);
        var chat = Assert.Single(fakes.OpenAI.Chats.All);
        Assert.True(chat.IsSummary);
        Assert.All(CallIntents.All, intent => Assert.Contains(intent, chat.SystemPrompt));
        Assert.Contains("JSON", chat.SystemPrompt);
        Assert.Contains("אני רוצה לקבוע פגישה למחר", chat.LastUserMessage);
        Assert.Contains("תודה, נחזור אליך בהקדם", chat.LastUserMessage);
    }

    [Theory]
    [InlineData("```json\n{\"summary\": \"רוצה פגישה\", \"intent\": \"appointment\", \"lead\": {}}\n```", "רוצה פגישה", CallIntents.Appointment)]
    [InlineData("{\"summary\": \"מתלונן על איחור\", \"intent\": \"refund-request\", \"lead\": {}}", "מתלונן על איחור", CallIntents.Other)]
    [InlineData("המתקשר ביקש שיחזרו אליו.", "המתקשר ביקש שיחזרו אליו.", CallIntents.Other)]
    public async Task Summary_answers_are_read_tolerantly_off_the_wire(string answer, string expectedSummary, string expectedIntent)
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Summary = answer;

        var summary = await host.Replies.SummarizeAsync(Summary, CancellationToken.None);

        Assert.Equal(expectedSummary, summary.Summary);
        Assert.Equal(expectedIntent, summary.Intent);
        Assert.Empty(summary.Lead);
    }

    [Fact]
    public async Task A_server_error_fails_once_without_retrying()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Faults.Status = 500;

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => host.Replies.WriteReplyAsync(Request, CancellationToken.None));

        Assert.Equal(500, failure.Status);
        Assert.Equal(1, fakes.OpenAI.Chats.Count);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:ApiKey"] = "sk-wrong-key-for-tests" });

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => host.Replies.SummarizeAsync(Summary, CancellationToken.None));

        Assert.Equal(401, failure.Status);
        Assert.DoesNotContain("sk-wrong-key-for-tests", failure.Message + host.Logs.AllText);
    }

    [Fact]
    public async Task Malformed_json_from_the_service_is_an_error_not_a_reply()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes);
        fakes.OpenAI.Faults.Body = "{\"choices\": [";

        await Assert.ThrowsAnyAsync<Exception>(() => host.Replies.WriteReplyAsync(Request, CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_model_times_out_as_configured()
    {
        await using var fakes = await FakeProviders.FakeProviders.StartAsync();
        await using var host = ProviderHost.For(fakes, new Dictionary<string, string?> { ["OpenAI:TimeoutSeconds"] = "1" });
        fakes.OpenAI.Faults.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => host.Replies.WriteReplyAsync(Request, CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }
}
