using AgentLocator.Api.Integrations.OpenAI;

namespace AgentLocator.Api.Tests.Providers;

public sealed class SpokenReplyTests
{
    [Theory]
    [InlineData("  תודה, נחזור אליך.  ", "תודה, נחזור אליך.")]
    [InlineData("תודה.\n\nנחזור אליך\tבהקדם.", "תודה. נחזור אליך בהקדם.")]
    [InlineData("\"תודה רבה\"", "תודה רבה")]
    [InlineData("\"", "\"")]
    [InlineData(null, "")]
    public void A_reply_becomes_one_clean_line(string? answer, string expected) => Assert.Equal(expected, SpokenReply.Tidy(answer));

    [Fact]
    public void A_long_reply_ends_on_a_whole_sentence()
    {
        var answer = string.Concat(Enumerable.Repeat("זה משפט ארוך למדי שנועד לבדוק חיתוך. ", 30));

        var reply = SpokenReply.Tidy(answer);

        Assert.InRange(reply.Length, SpokenReply.MaxLength / 2, SpokenReply.MaxLength);
        Assert.EndsWith("חיתוך.", reply);
    }

    [Fact]
    public void A_long_reply_without_sentences_ends_on_a_whole_word()
    {
        var answer = string.Join(' ', Enumerable.Repeat("מילה", 200));

        var reply = SpokenReply.Tidy(answer);

        Assert.InRange(reply.Length, SpokenReply.MaxLength / 2, SpokenReply.MaxLength);
        Assert.EndsWith("מילה…", reply);
    }

    [Fact]
    public void One_endless_word_is_cut_at_the_limit()
    {
        Assert.Equal(SpokenReply.MaxLength, SpokenReply.Tidy(new string('א', 1000)).Length);
    }
}
