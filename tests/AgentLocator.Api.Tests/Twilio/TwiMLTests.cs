using System.Xml.Linq;
using AgentLocator.Api.Integrations.Twilio;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;
using Record = Twilio.TwiML.Voice.Record;

namespace AgentLocator.Api.Tests.Twilio;

/// <summary>What Twilio receives from a <see cref="VoiceResponse"/> as the webhooks send it (<see cref="TwimlResults"/>).</summary>
public sealed class TwiMLTests
{
    [Fact]
    public void A_document_has_the_declaration_and_a_Response_root()
    {
        var xml = new VoiceResponse().Hangup().ToXml();

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
        var document = XDocument.Parse(xml);
        Assert.Equal("Response", document.Root!.Name.LocalName);
        Assert.Equal(["Hangup"], document.Root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Text_is_escaped_and_Hebrew_kept()
    {
        var xml = new VoiceResponse()
            .Say("שלום <משה> & \"בניו\"", voice: TwilioOptions.DefaultSayVoice, language: Say.LanguageEnum.HeIl)
            .ToXml();

        var say = XDocument.Parse(xml).Root!.Element("Say")!;
        Assert.Equal("שלום <משה> & \"בניו\"", say.Value);
        Assert.Equal("he-IL", say.Attribute("language")!.Value);
        Assert.Equal(TwilioOptions.DefaultSayVoice, say.Attribute("voice")!.Value);
        Assert.DoesNotContain("<משה>", xml);
    }

    [Fact]
    public void Verbs_keep_their_order_and_attributes()
    {
        var xml = new VoiceResponse()
            .Play(new Uri("https://cdn.example.com/a.mp3?x=1&y=2"), loop: 2)
            .Pause(length: 3)
            .Record(
                action: new Uri("/webhook/handle_recording", UriKind.Relative), method: HttpMethod.Post, maxLength: 30, timeout: 5,
                finishOnKey: "*", playBeep: false, trim: Record.TrimEnum.TrimSilence,
                recordingStatusCallback: new Uri("https://crm.example.com/cb"),
                recordingStatusCallbackEvent: [Record.RecordingEventEnum.Completed], transcribe: false)
            .Redirect(new Uri("/webhook/incoming_call?retry=1", UriKind.Relative), HttpMethod.Post)
            .Say("ביי")
            .Hangup()
            .ToXml();

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
                ["transcribe"] = "false",
            },
            record.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value));
        Assert.Equal("/webhook/incoming_call?retry=1", root.Element("Redirect")!.Value);
        Assert.Equal("POST", root.Element("Redirect")!.Attribute("method")!.Value);
        Assert.Null(root.Element("Say")!.Attribute("voice"));
    }
}
