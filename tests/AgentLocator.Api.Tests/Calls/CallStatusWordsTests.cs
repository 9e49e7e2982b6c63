using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The words statuses are stored and sent as, and how Twilio's CallStatus words become ours.</summary>
public sealed class CallStatusWordsTests
{
    [Theory]
    [InlineData("queued", CallStatus.InProgress)]
    [InlineData("ringing", CallStatus.InProgress)]
    [InlineData("answered", CallStatus.InProgress)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("completed", CallStatus.Completed)]
    [InlineData(" Completed ", CallStatus.Completed)]
    [InlineData("busy", CallStatus.Busy)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    [InlineData("failed", CallStatus.Failed)]
    [InlineData("canceled", CallStatus.Canceled)]
    public void Twilio_words_map_to_our_status(string word, CallStatus expected) =>
        Assert.Equal(expected, CallStatusExtensions.FromTwilio(word));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("initiated")]
    [InlineData("InProgress")]
    [InlineData("cancelled")]
    public void Unknown_twilio_words_are_no_status(string? word) => Assert.Null(CallStatusExtensions.FromTwilio(word));

    [Fact]
    public void Each_member_has_the_word_the_database_and_the_web_app_use()
    {
        Assert.Equal(["in-progress", "completed", "busy", "no-answer", "failed", "canceled"], WireNames<CallStatus>.All);
        Assert.Equal(["in-progress", "message", "no-message", "missed"], WireNames<CallDisposition>.All);
        Assert.Equal(["pending", "ready", "silent", "failed", "not-configured"], WireNames<TurnState>.All);
        Assert.Equal(["audio", "say", "fallback"], WireNames<SpokenAs>.All);
        Assert.Equal(TurnState.NotConfigured, WireNames<TurnState>.Parse("not-configured"));
        Assert.False(WireNames<CallDisposition>.TryParse("NoMessage", out _));
        Assert.Throws<FormatException>(() => WireNames<SpokenAs>.Parse("Audio"));
    }

    [Fact]
    public void Only_in_progress_is_not_final() =>
        Assert.Equal([CallStatus.InProgress], Enum.GetValues<CallStatus>().Where(status => !status.IsFinal()));
}
