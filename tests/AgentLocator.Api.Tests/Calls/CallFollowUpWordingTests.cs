using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Data.Entities;

namespace AgentLocator.Api.Tests.Calls;

/// <summary>The follow-up task's wording: a missed call asks for a call back, a heard message for a reply to it.</summary>
public sealed class CallFollowUpWordingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    private static Call CallWith(CallDisposition disposition, string? summary = null) =>
        new() { CallSid = "CA1", From = "+972501234567", To = "+97231234567", Disposition = disposition, Summary = summary };

    private static CallTurn Turn(string? transcript) => new() { RecordingSid = "RE1", Transcript = transcript };

    [Fact]
    public void A_missed_call_asks_to_call_back_with_no_notes_due_now()
    {
        var customer = Guid.NewGuid();
        var agent = Guid.NewGuid();

        var draft = CallFollowUp.Draft(CallWith(CallDisposition.Missed), [], customer, "דנה", agent, Now);

        Assert.Equal("להתקשר בחזרה לדנה", draft.Title);
        Assert.Null(draft.Notes);
        Assert.Equal(Now, draft.DueAt);
        Assert.Equal(customer, draft.CustomerId);
    }

    [Fact]
    public void A_heard_message_asks_to_reply_with_the_summary_and_what_was_said()
    {
        var turns = new[] { Turn("אני רוצה לקבוע פגישה"), Turn(" ") };

        var draft = CallFollowUp.Draft(CallWith(CallDisposition.Message, "מבקש פגישה"), turns, Guid.NewGuid(), "דנה", Guid.NewGuid(), Now);

        Assert.Equal("לחזור לדנה בעקבות הודעה", draft.Title);
        Assert.Equal("מבקש פגישה\nהמתקשר: אני רוצה לקבוע פגישה", draft.Notes);
    }

    [Fact]
    public void An_unheard_voice_message_asks_to_call_back_and_points_at_the_recording()
    {
        var draft = CallFollowUp.Draft(CallWith(CallDisposition.Message), [Turn(null)], Guid.NewGuid(), "דנה", Guid.NewGuid(), Now);

        Assert.Equal("להתקשר בחזרה לדנה", draft.Title);
        Assert.Equal("השאיר הודעה קולית; ההקלטה בדף השיחה.", draft.Notes);
    }

    [Fact]
    public void A_withheld_callers_message_is_a_task_without_a_customer_that_carries_the_message_and_the_way_to_the_call()
    {
        var agent = Guid.NewGuid();
        var call = CallWith(CallDisposition.Message, "מבקש הצעת מחיר");
        call.Id = Guid.NewGuid();
        call.From = "anonymous";

        var draft = CallFollowUp.MessageWithoutCustomer(call, [Turn("כמה עולה תיקון?")], agent, Now);

        Assert.Equal("הודעה ממספר חסוי", draft.Title);
        Assert.Null(draft.CustomerId);
        Assert.Equal(call.Id, draft.CallId);
        Assert.Equal((agent, agent, Now), (draft.AssigneeId, draft.CreatedById, draft.DueAt));
        Assert.Equal($"מבקש הצעת מחיר\nהמתקשר: כמה עולה תיקון?\nהשיחה וההקלטה: /calls/{call.Id}", draft.Notes);
    }

    [Fact]
    public void An_unheard_withheld_message_points_at_the_recording()
    {
        var call = CallWith(CallDisposition.Message);
        call.Id = Guid.NewGuid();
        call.From = "+266696687";

        var draft = CallFollowUp.MessageWithoutCustomer(call, [Turn(null)], Guid.NewGuid(), Now);

        Assert.Equal("הודעה ממספר חסוי", draft.Title);
        Assert.Equal($"השאיר הודעה קולית; ההקלטה בדף השיחה.\nהשיחה וההקלטה: /calls/{call.Id}", draft.Notes);
    }

    [Fact]
    public void A_long_transcript_never_cuts_off_the_way_to_the_call()
    {
        var call = CallWith(CallDisposition.Message);
        call.Id = Guid.NewGuid();
        call.From = "restricted";

        var draft = CallFollowUp.MessageWithoutCustomer(call, [Turn(new string('א', 5000))], Guid.NewGuid(), Now);

        Assert.Equal(4000, draft.Notes!.Length);
        Assert.EndsWith($"\nהשיחה וההקלטה: /calls/{call.Id}", draft.Notes);
    }

    [Fact]
    public void A_task_for_a_known_caller_also_points_at_its_call()
    {
        var call = CallWith(CallDisposition.Missed);
        call.Id = Guid.NewGuid();

        Assert.Equal(call.Id, CallFollowUp.Draft(call, [], Guid.NewGuid(), "דנה", Guid.NewGuid(), Now).CallId);
    }

    [Fact]
    public void A_message_from_a_number_that_could_not_become_a_customer_names_the_number()
    {
        // Lead creation can be refused (or the number unparseable); the message still reaches an agent, by number.
        var call = CallWith(CallDisposition.Message);
        call.Id = Guid.NewGuid();
        call.From = "12345";

        var draft = CallFollowUp.MessageWithoutCustomer(call, [Turn("שלום")], Guid.NewGuid(), Now);

        Assert.Equal("הודעה מ-12345", draft.Title);
        Assert.Null(draft.CustomerId);
    }
}
