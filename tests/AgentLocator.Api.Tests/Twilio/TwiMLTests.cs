using System.Xml.Linq;
using AgentLocator.Api.Twilio;

namespace AgentLocator.Api.Tests.Twilio;

public sealed class TwiMLTests
{
    [Fact]
    public void A_document_has_the_declaration_and_a_Response_root()
    {
        var xml = new TwiML().Hangup().ToString();

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        var document = XDocument.Parse(xml);
        Assert.Equal("Response", document.Root!.Name.LocalName);
        Assert.Equal(["Hangup"], document.Root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Text_is_escaped_and_Hebrew_kept()
    {
        var xml = new TwiML().Say("שלום <משה> & \"בניו\"").ToString();

        var say = XDocument.Parse(xml).Root!.Element("Say")!;
        Assert.Equal("שלום <משה> & \"בניו\"", say.Value);
        Assert.Equal("he-IL", say.Attribute("language")!.Value);
        Assert.Equal(TwiML.DefaultHebrewVoice, say.Attribute("voice")!.Value);
        Assert.DoesNotContain("<משה>", xml);
    }

    [Fact]
    public void Verbs_keep_their_order_and_attributes()
    {
        var xml = new TwiML()
            .Play("https://cdn.example.com/a.mp3?x=1&y=2", loop: 2)
            .Pause(3)
            .Record(new RecordOptions
            {
                Action = "/webhook/handle_recording", Method = "POST", MaxLength = 30, Timeout = 5, FinishOnKey = "*",
                PlayBeep = false, Trim = true, RecordingStatusCallback = "https://crm.example.com/cb", RecordingStatusCallbackEvent = "completed",
            })
            .Redirect("/webhook/incoming_call?retry=1")
            .Say("ביי", voice: null)
            .Hangup()
            .ToString();

        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(["Play", "Pause", "Record", "Redirect", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        var play = root.Element("Play")!;
        Assert.Equal("https://cdn.example.com/a.mp3?x=1&y=2", play.Value);
        Assert.Equal("2", play.Attribute("loop")!.Value);
        Assert.Equal("3", root.Element("Pause")!.Attribute("length")!.Value);
        var record = root.Element("Record")!;
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["action"] = "/webhook/handle_recording", ["method"] = "POST", ["maxLength"] = "30", ["timeout"] = "5",
                ["finishOnKey"] = "*", ["playBeep"] = "false", ["trim"] = "trim-silence",
                ["recordingStatusCallback"] = "https://crm.example.com/cb", ["recordingStatusCallbackEvent"] = "completed",
            },
            record.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value));
        Assert.Equal("/webhook/incoming_call?retry=1", root.Element("Redirect")!.Value);
        Assert.Equal("POST", root.Element("Redirect")!.Attribute("method")!.Value);
        Assert.Null(root.Element("Say")!.Attribute("voice"));
    }
}
