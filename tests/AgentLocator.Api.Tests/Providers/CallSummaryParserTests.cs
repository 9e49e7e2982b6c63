using AgentLocator.Api.Integrations.OpenAI;
using AgentLocator.Grains.Calls.Providers;

namespace AgentLocator.Api.Tests.Providers;

/// <summary>The shapes chat models really answer in, each read without losing the summary.</summary>
public sealed class CallSummaryParserTests
{
    [Theory]
    [InlineData("""{"summary": "רוצה פגישה", "intent": "appointment", "lead": {}}""")]
    [InlineData("```json\n{\"summary\": \"רוצה פגישה\", \"intent\": \"appointment\", \"lead\": {}}\n```")]
    [InlineData("```\n{\"summary\": \"רוצה פגישה\", \"intent\": \"appointment\"}\n```")]
    [InlineData("Here is the summary:\n{\"summary\": \" רוצה פגישה \", \"intent\": \"Appointment\", \"lead\": {},}\nLet me know if you need more.")]
    public void Json_with_fences_chatter_case_or_trailing_commas_is_read(string answer)
    {
        var summary = CallSummaryParser.Parse(answer);

        Assert.Equal("רוצה פגישה", summary.Summary);
        Assert.Equal(CallIntents.Appointment, summary.Intent);
        Assert.Empty(summary.Lead);
    }

    [Theory]
    [InlineData("booking")]
    [InlineData("")]
    [InlineData("sales, appointment")]
    public void An_intent_outside_the_list_is_other(string intent)
    {
        Assert.Equal(CallIntents.Other, CallSummaryParser.Parse($$"""{"summary": "x", "intent": "{{intent}}"}""").Intent);
    }

    [Fact]
    public void A_missing_or_non_string_intent_is_other() =>
        Assert.Equal(CallIntents.Other, CallSummaryParser.Parse("""{"summary": "x", "intent": 3}""").Intent);

    [Fact]
    public void Every_listed_intent_is_kept() =>
        Assert.All(CallIntents.All, intent => Assert.Equal(intent, CallSummaryParser.Parse($$"""{"intent": "{{intent}}"}""").Intent));

    [Fact]
    public void Lead_fields_keep_strings_and_numbers_and_drop_the_rest()
    {
        var summary = CallSummaryParser.Parse("""
            {"summary": "s", "intent": "sales", "lead": {
              "name": " דנה כהן ", "budget": 2500000, "email": "", "phone": null,
              "address": {"city": "חיפה"}, "rooms": ["3", "4"], " city ": "חיפה"
            }}
            """);

        Assert.Equal(new Dictionary<string, string> { ["name"] = "דנה כהן", ["budget"] = "2500000", ["city"] = "חיפה" }, summary.Lead);
    }

    [Theory]
    [InlineData("המתקשר ביקש שיחזרו אליו מחר.")]
    [InlineData("{\"summary\": \"נקטע באמצע")]
    [InlineData("{not json at all}")]
    [InlineData("[\"a\", \"b\"]")]
    public void Unreadable_answers_keep_the_text_as_the_summary(string answer)
    {
        var summary = CallSummaryParser.Parse("  " + answer + "\n");

        Assert.Equal(answer, summary.Summary);
        Assert.Equal(CallIntents.Other, summary.Intent);
        Assert.Empty(summary.Lead);
    }

    [Fact]
    public void Nothing_at_all_is_an_empty_summary()
    {
        var summary = CallSummaryParser.Parse(null);

        Assert.Equal("", summary.Summary);
        Assert.Equal(CallIntents.Other, summary.Intent);
    }

    [Fact]
    public void A_runaway_summary_is_capped()
    {
        var answer = new string('א', 5000);

        Assert.Equal(CallSummaryParser.MaxSummaryLength, CallSummaryParser.Parse(answer).Summary.Length);
        Assert.Equal(CallSummaryParser.MaxSummaryLength, CallSummaryParser.Parse($$"""{"summary": "{{answer}}"}""").Summary.Length);
    }
}
