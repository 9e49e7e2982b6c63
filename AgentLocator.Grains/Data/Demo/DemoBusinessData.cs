using AgentLocator.Grains.Abstractions;
using AgentLocator.Grains.Calls;
using AgentLocator.Grains.Calls.Providers;
using AgentLocator.Grains.Customers;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Timeline;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Grains.Data.Demo;

/// <summary>
/// Development only, opt-in (<see cref="SettingKey"/>, which the AppHost sets and tests do not): fills the seeded demo
/// businesses with customers, two weeks of calls (transcripts, summaries, recordings in the media store), open,
/// overdue and done tasks and notes, each with the timeline event its real writer adds. A business that already has
/// customers is left alone, so a second run adds nothing; "reset demo data" drops everything and fills it again.
/// </summary>
public sealed class DemoBusinessData(TenantDbContextFactory contexts, IMediaStore media, DemoRecordings recordings)
{
    private readonly DemoConversations conversations = new(media, recordings);

    public const string SettingKey = "DemoData:Fill";

    /// <summary>Fills each demo business that is still empty; the number of customers added.</summary>
    public async Task<int> FillAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var (name, customers, seed, modules) in new[]
        {
            (DevelopmentSeed.DemoBusinessName, 200, 18, true), (DevelopmentSeed.OtherBusinessName, 8, 81, false),
        })
        {
            await using var across = contexts.AcrossTenants();
            var business = await across.Businesses.AsNoTracking().SingleOrDefaultAsync(b => b.Name == name, cancellationToken);
            if (business is null)
            {
                continue;
            }
            await using var db = contexts.For(business.Id);
            if (await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.BusinessId == business.Id, cancellationToken))
            {
                continue;
            }
            added += await FillBusinessAsync(db, business, customers, new Random(seed), now, modules, cancellationToken);
        }
        return added;
    }

    /// <param name="modules">Also WhatsApp threads and tax documents (the modules that landed after the CRM), for the main demo business.</param>
    private async Task<int> FillBusinessAsync(AgentLocatorDbContext db, Business business, int count, Random random, DateTimeOffset now,
        bool modules, CancellationToken cancellationToken)
    {
        var users = await db.Users.OrderBy(u => u.CreatedAt).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        if (users.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var links = new List<(Call Call, AgentTask Task)>();
        var people = DemoPeople.Make(count, random);
        var customers = new List<Customer>();
        foreach (var person in people)
        {
            var created = now.AddDays(-random.Next(15, 120)).AddMinutes(-random.Next(0, 600));
            Phones.TryNormalize(person.Phone, out var phone);
            var customer = new Customer
            {
                Id = Guid.CreateVersion7(created), BusinessId = business.Id, Name = person.Name, Phone = phone.E164, PhoneDigits = phone.SearchDigits,
                Email = person.Email, City = person.City, Status = person.Status, Tags = person.Tags,
                CreatedAt = created, UpdatedAt = created, LastActivityAt = created,
            };
            var author = users[random.Next(users.Count)];
            db.Customers.Add(customer);
            CustomerTimelineEvents.Created(db, customer, ChangeOrigin.ByAgent(author.Id, author.DisplayName));
            customers.Add(customer);
        }

        // Two weeks of calls: most customers called once or more, a few numbers nobody knew yet.
        var callCount = Math.Max(3, count * 7 / 10);
        for (var i = 0; i < callCount; i++)
        {
            var customer = customers[random.Next(customers.Count)];
            var started = now.AddMinutes(-random.Next(30, 14 * 24 * 60));
            var made = await AddCallAsync(db, business, customer, started, random, cancellationToken);
            customer.Calls++;
            customer.LastActivityAt = Later(customer.LastActivityAt, started);
            if (made.Call.Disposition != CallDisposition.Message || random.Next(3) > 0)
            {
                await AddTaskAsync(db, links, customer, users[0].Id, made, started, now, random, cancellationToken);
            }
        }

        // Tasks agents wrote themselves, and notes.
        foreach (var customer in customers.Where(_ => random.Next(4) == 0))
        {
            var created = Later(customer.CreatedAt, now.AddDays(-random.Next(1, 14)));
            await AddTaskAsync(db, links, customer, users[random.Next(users.Count)].Id, made: null, created, now, random, cancellationToken);
        }
        foreach (var customer in customers.Where(_ => random.Next(3) == 0))
        {
            var author = users[random.Next(users.Count)];
            var note = new CustomerNote
            {
                Id = Guid.CreateVersion7(), BusinessId = business.Id, CustomerId = customer.Id, AuthorId = author.Id, AuthorName = author.DisplayName,
                Text = DemoTexts.Notes[random.Next(DemoTexts.Notes.Length)], CreatedAt = Later(customer.CreatedAt, now.AddDays(-random.Next(0, 20))),
                Pinned = random.Next(8) == 0,
            };
            db.CustomerNotes.Add(note);
            NoteTimelineEvents.Added(db, note);
            customer.LastActivityAt = Later(customer.LastActivityAt, note.CreatedAt);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (call, task) in links)
        {
            call.FollowUpTaskId = task.Id;
            call.FollowUpFingerprint = CallOutcome.Fingerprint(task.Title, task.Notes);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (modules)
        {
            // After the commit: the document writer runs its own transactions, as it does for an agent.
            var agent = users[0];
            await conversations.AddAsync(db, business, customers, agent.Id, agent.DisplayName, now, random, cancellationToken);
            await DemoDocuments.AddAsync(db, business, customers.Skip(20).ToList(), agent.Id, agent.DisplayName, now, cancellationToken);
        }
        return customers.Count;
    }

    private async Task<FollowUpCall> AddCallAsync(AgentLocatorDbContext db, Business business, Customer customer, DateTimeOffset started, Random random,
        CancellationToken cancellationToken)
    {
        var roll = random.Next(10);
        var disposition = roll < 6 ? CallDisposition.Message : roll < 8 ? CallDisposition.NoMessage : CallDisposition.Missed;
        var message = DemoTexts.Messages[random.Next(DemoTexts.Messages.Length)];
        var speaking = disposition == CallDisposition.Message ? 6 + random.Next(14) : 0;
        var duration = disposition == CallDisposition.Missed ? 0 : 8 + speaking + random.Next(10);
        var call = new Call
        {
            Id = Guid.CreateVersion7(started), BusinessId = business.Id, CallSid = "CA" + Guid.NewGuid().ToString("N"), From = customer.Phone!,
            To = business.TwilioNumber ?? "", CustomerId = customer.Id,
            Status = disposition == CallDisposition.Missed ? CallStatus.NoAnswer : CallStatus.Completed,
            StartedAt = started, EndedAt = started.AddSeconds(duration), DurationSeconds = duration, Disposition = disposition,
            Summary = disposition == CallDisposition.Message ? message.Summary : null,
            Intent = disposition == CallDisposition.Message ? message.Intent : null,
            ProcessedAt = started.AddSeconds(duration + 5), CreatedAt = started, UpdatedAt = started.AddSeconds(duration + 5),
        };
        var turns = new List<CallTurn>();
        if (disposition != CallDisposition.Missed)
        {
            var said = disposition == CallDisposition.Message ? message.Said : null;
            var seconds = Math.Max(2, speaking);
            var audio = await recordings.MakeAsync(said, seconds, cancellationToken);
            turns.Add(new CallTurn
            {
                Id = Guid.CreateVersion7(started), BusinessId = business.Id, CallId = call.Id, Number = 1, RecordingSid = "RE" + Guid.NewGuid().ToString("N"),
                RecordingSeconds = seconds, RecordingKey = await media.SaveAsync(MediaArea.Recordings, audio, "audio/wav", cancellationToken),
                State = said is null ? TurnState.Silent : TurnState.Ready, Transcript = said, HungUp = true,
                CreatedAt = started.AddSeconds(8), UpdatedAt = started.AddSeconds(duration),
            });
        }
        call.TurnCount = turns.Count;
        call.OutcomeTurns = turns.Count;
        db.Calls.Add(call);
        db.CallTurns.AddRange(turns);
        await CallTimelineEvents.UpsertAsync(db, call, turns, call.UpdatedAt);
        return new FollowUpCall(call, turns);
    }

    /// <summary>A task made by a call's after-call work (worded as <see cref="CallFollowUp"/> words it) or by an agent.</summary>
    private static async Task AddTaskAsync(AgentLocatorDbContext db, List<(Call Call, AgentTask Task)> links, Customer customer, Guid assignee,
        FollowUpCall? made, DateTimeOffset created, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var call = made?.Call;
        var (title, notes) = made is null
            ? (DemoTexts.TaskTitles[random.Next(DemoTexts.TaskTitles.Length)], (string?)null)
            : Worded(made, customer);
        var due = call is null ? created.AddHours(random.Next(2, 96)) : created.AddMinutes(Business.DefaultCallbackDelayMinutes);
        // Older tasks are mostly done; recent ones open (some already overdue), as a working agent's list looks.
        var done = due < now.AddDays(-2) ? random.Next(5) > 0 : random.Next(5) == 0;
        var task = new AgentTask
        {
            Id = call?.Id ?? Guid.CreateVersion7(created), BusinessId = customer.BusinessId, CustomerId = customer.Id, CallId = call?.Id,
            AssigneeId = assignee, CreatedById = assignee, Title = title, Notes = notes, DueAt = due, RemindAt = due,
            Status = done ? TaskStatuses.Done : TaskStatuses.Open, CompletedAt = done ? Later(due, created.AddHours(1)) : null,
            CreatedAt = created, UpdatedAt = created,
        };
        db.Tasks.Add(task);
        await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskCreated, created, call is null ? assignee : null);
        if (done)
        {
            await TaskTimelineEvents.AddAsync(db, task, TimelineCards.TaskDone, task.CompletedAt!.Value, assignee);
        }
        else
        {
            customer.OpenTasks++;
        }
        if (call is not null)
        {
            // Linked after both rows exist (the call and its task point at each other): see FillBusinessAsync.
            links.Add((call, task));
        }
        if (!done && due <= now)
        {
            // Its alert rang when it fell due: the start-up sweep must not ring every old task at once.
            db.TaskAlerts.Add(new TaskAlert
            {
                Id = Guid.CreateVersion7(), BusinessId = task.BusinessId, TaskId = task.Id, ReminderAt = due, ClaimedAt = due, DeliveredAt = due,
            });
        }
    }

    private static (string Title, string? Notes) Worded(FollowUpCall made, Customer customer)
    {
        var draft = CallFollowUp.Draft(made.Call, made.Turns, customer.Id, customer.Name, Guid.Empty, made.Call.StartedAt);
        return (draft.Title, draft.Notes);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
