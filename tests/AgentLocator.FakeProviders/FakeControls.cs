namespace AgentLocator.FakeProviders;

/// <summary>
/// The controls over HTTP, for a simulator or a person driving the standalone fakes (tests use the objects directly).
/// Under <c>/_fake/</c>, a prefix none of the imitated services uses.
/// </summary>
internal static class FakeControls
{
    public static void Map(IEndpointRouteBuilder routes, FakeProviders fakes)
    {
        var controls = routes.MapGroup("/_fake");
        // Body: the recording's bytes, with their Content-Type. Answers the RecordingUrl to give the API.
        controls.MapPost("/twilio/recordings", async (HttpContext context, int? notReadyFor) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var url = fakes.Twilio.AddRecording(body.ToArray(), context.Request.ContentType ?? "audio/x-wav", notReadyFor ?? 0);
            return Results.Created(url, new { recordingUrl = url.ToString() });
        });
        controls.MapPut("/openai/transcript", async (HttpContext context) => fakes.OpenAI.Transcript = await TextAsync(context));
        controls.MapPut("/openai/reply", async (HttpContext context) => fakes.OpenAI.Reply = await TextAsync(context));
        controls.MapPut("/openai/summary", async (HttpContext context) => fakes.OpenAI.Summary = await TextAsync(context));
        // Body: grant, refuse, hang or down: how the fake Tax Authority answers allocation requests from now on.
        controls.MapPut("/tax-authority/mode", async (HttpContext context) =>
            Enum.TryParse<FakeAllocationMode>(await TextAsync(context), ignoreCase: true, out var mode)
                ? Results.Ok(fakes.TaxAuthority.Mode = mode)
                : Results.BadRequest(new { error = "grant, refuse, hang or down" }));
        controls.MapGet("/requests", () => Results.Json(new
        {
            transcriptions = fakes.OpenAI.Transcriptions.All,
            chats = fakes.OpenAI.Chats.All.Select(chat => new { chat.Model, chat.IsSummary, chat.SystemPrompt, chat.LastUserMessage }),
            tokens = fakes.Google.Tokens.All,
            syntheses = fakes.Google.Syntheses.All,
            recordings = fakes.Twilio.Requests.All,
            // Every Messages API send (SMS and WhatsApp alike), so a browser test can read the link or code a person would get.
            messages = fakes.Twilio.Messages.Sends.All,
            allocations = fakes.TaxAuthority.Approvals.All,
        }));
        controls.MapPost("/reset", () =>
        {
            fakes.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<string> TextAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }
}
