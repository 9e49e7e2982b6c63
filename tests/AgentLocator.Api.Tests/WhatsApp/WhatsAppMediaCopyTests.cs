using System.Net.Http.Json;
using System.Text.Json;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.WhatsApp;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLocator.Api.Tests.WhatsApp;

/// <summary>
/// Media copies are rows in Postgres: a copy claimed by an instance that stops before running it is done by the next
/// instance on the same database, and a copy whose download fails is tried again later until it succeeds. Each test runs
/// its own instances on a database of its own, with the fake Twilio serving the media.
/// </summary>
public sealed class WhatsAppMediaCopyTests : IAsyncLifetime
{
    private FakeProviders.FakeProviders fakes = null!;
    private string database = "";

    public async Task InitializeAsync()
    {
        fakes = await FakeProviders.FakeProviders.StartAsync();
        database = await TestServices.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await TestServices.DropDatabaseAsync(database);
        await fakes.DisposeAsync();
    }

    private async Task<WhatsAppFixture> StartAsync(IWhatsAppMediaClaimObserver? observer = null)
    {
        var instance = WhatsAppFixture.Restartable(fakes, database, observer);
        await instance.InitializeAsync();
        return instance;
    }

    private AgentLocatorDbContext Database() => new(
        new DbContextOptionsBuilder<AgentLocatorDbContext>().UseNpgsql(TestServices.ConnectionStringFor(database)).UseSnakeCaseNamingConvention().Options,
        new AgentLocator.Grains.Tenancy.FixedTenantContext(null));

    private async Task<WhatsAppMediaJob> JobAsync(Guid messageId)
    {
        await using var db = Database();
        return await db.WhatsAppMediaJobs.IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.MessageId == messageId);
    }

    private async Task<WhatsAppMediaJob> WhenFinishedAsync(Guid messageId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await JobAsync(messageId);
            if (job.State != WhatsAppMediaJobStates.Pending)
            {
                return job;
            }
            await Task.Delay(100, limit.Token);
        }
    }

    private static Dictionary<string, string> Photo(Uri url) => new()
    {
        ["NumMedia"] = "1", ["MediaUrl0"] = url.ToString(), ["MediaContentType0"] = "image/jpeg", ["MessageType"] = "image",
    };

    [Fact]
    public async Task A_copy_claimed_by_an_instance_stopped_before_running_it_completes_after_a_restart()
    {
        var photo = Enumerable.Range(0, 4000).Select(i => (byte)(i * 3)).ToArray();
        var url = fakes.Twilio.AddRecording(photo, "image/jpeg", recordingSid: "ME" + Guid.NewGuid().ToString("N"));
        var hold = new HoldAfterClaim();
        Guid businessId, messageId;
        await using (var first = await StartAsync(hold))
        {
            var (business, _, _) = await first.NewWhatsAppBusinessAsync();
            businessId = business.Id;
            await WhatsAppFixture.AssertEmptyResponseAsync(await first.PostInboundAsync(WhatsAppFixture.NewMessageSid(), CustomerApiExtensions.NextMobile(),
                business.WhatsAppNumber!, "תמונה של הנכס", extra: Photo(url)));
            messageId = Assert.Single(await first.MessagesAsync(businessId)).Id;

            var claimed = await hold.Claimed.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(messageId, claimed.MessageId);
            // The instance goes away holding the claim, as if the process had died between claiming and copying.
        }
        var left = await JobAsync(messageId);
        Assert.Equal((WhatsAppMediaJobStates.Pending, 1), (left.State, left.Attempts));
        Assert.Null(JsonSerializer.Deserialize<List<WhatsAppMedia>>((await MessageAsync(messageId)).MediaJson, JsonSerializerOptions.Web)!.Single().MediaKey);

        await using var second = await StartAsync();
        var job = await WhenFinishedAsync(messageId);

        Assert.Equal((WhatsAppMediaJobStates.Done, 2), (job.State, job.Attempts));
        var media = JsonSerializer.Deserialize<List<WhatsAppMedia>>((await MessageAsync(messageId)).MediaJson, JsonSerializerOptions.Web)!.Single();
        Assert.Equal(((long?)photo.Length, "image/jpeg"), (media.Bytes, media.ContentType));
        Assert.NotNull(media.MediaKey);
    }

    [Fact]
    public async Task A_failed_download_is_tried_again_later_until_Twilio_serves_the_file()
    {
        var photo = Enumerable.Range(0, 2000).Select(i => (byte)(i * 5)).ToArray();
        // Each attempt makes one request (Calls:RecordingDownloadAttempts is 1 here): two refusals, then the file.
        var url = fakes.Twilio.AddRecording(photo, "image/jpeg", notReadyFor: 2, recordingSid: "ME" + Guid.NewGuid().ToString("N"));
        await using var instance = await StartAsync();
        var (business, admin, _) = await instance.NewWhatsAppBusinessAsync();

        await WhatsAppFixture.AssertEmptyResponseAsync(await instance.PostInboundAsync(WhatsAppFixture.NewMessageSid(), CustomerApiExtensions.NextMobile(),
            business.WhatsAppNumber!, "", extra: Photo(url)));
        var message = Assert.Single(await instance.MessagesAsync(business.Id));
        var job = await WhenFinishedAsync(message.Id);

        Assert.Equal((WhatsAppMediaJobStates.Done, 3), (job.State, job.Attempts));
        Assert.Contains("404", job.LastError);
        var page = await admin.Http.GetFromJsonAsync<WhatsAppThreadPage>($"/api/whatsapp/customers/{message.CustomerId}/messages", JsonSerializerOptions.Web);
        Assert.Equal(photo, await admin.Http.GetByteArrayAsync(page!.Items.Single().Media.Single().Url));
    }

    private async Task<WhatsAppMessage> MessageAsync(Guid id)
    {
        await using var db = Database();
        return await db.WhatsAppMessages.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Stops the copier right after its claim, for good: it never copies and never hands the row back.</summary>
    private sealed class HoldAfterClaim : IWhatsAppMediaClaimObserver
    {
        private readonly TaskCompletionSource<WhatsAppMediaJob> claimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<WhatsAppMediaJob> Claimed => claimed.Task;

        public Task ClaimedAsync(WhatsAppMediaJob job, CancellationToken cancellationToken)
        {
            claimed.TrySetResult(job);
            // Deaf to the stopping token on purpose: a dead process runs no shutdown code either.
            return new TaskCompletionSource().Task;
        }
    }
}
