namespace AgentLocator.CallSimulator.Tests;

public sealed class TwilioUrlsTests
{
    private readonly TwilioUrls urls = new(new Uri("http://127.0.0.1:5080"), "https://Crm.Example.test");

    [Theory]
    [InlineData("handle_recording", "https://Crm.Example.test/webhook/handle_recording")]
    [InlineData("/webhook/incoming_call?retry=1", "https://Crm.Example.test/webhook/incoming_call?retry=1")]
    [InlineData("https://crm.example.test/webhook/recording_status", "https://Crm.Example.test/webhook/recording_status")]
    [InlineData("../media/a.wav", "https://Crm.Example.test/media/a.wav")]
    [InlineData("https://cdn.example.test/a.mp3", "https://cdn.example.test/a.mp3")]
    public void TwiML_urls_resolve_against_the_document_and_keep_the_public_host_as_typed(string reference, string expected) =>
        // As typed, because the server signs its PUBLIC_HOST string as configured, case included.
        Assert.Equal(expected, urls.Resolve("https://Crm.Example.test/webhook/incoming_call", reference));

    [Fact]
    public void Urls_under_the_public_host_are_sent_to_the_api_and_others_where_they_point()
    {
        Assert.Equal("http://127.0.0.1:5080/webhook/next?x=1", urls.Transport("https://Crm.Example.test/webhook/next?x=1").AbsoluteUri);
        Assert.Equal("https://cdn.example.test/a.mp3", urls.Transport("https://cdn.example.test/a.mp3").AbsoluteUri);
    }

    [Fact]
    public void Without_a_public_host_the_api_is_both()
    {
        var same = new TwilioUrls(new Uri("http://localhost:5080/"), null);
        Assert.Equal("http://localhost:5080/webhook/incoming_call", same.Public("/webhook/incoming_call"));
        Assert.Equal("http://localhost:5080/webhook/incoming_call", same.Transport(same.Public("/webhook/incoming_call")).AbsoluteUri);
    }
}
