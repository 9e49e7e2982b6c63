using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLocator.FakeProviders;

public sealed record TranscriptionRequest(
    bool Authorized, string? Model, string? Language, string? ResponseFormat, string? Prompt,
    string? FileName, string? FileContentType, int FileLength);

public sealed record ChatMessageEntry(string Role, string Content);

public sealed record ChatRequest(
    bool Authorized, string? Model, IReadOnlyList<ChatMessageEntry> Messages, bool IsSummary,
    double? Temperature, int? MaxTokens, string Body)
{
    public string SystemPrompt => string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));

    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";
}

/// <summary>
/// OpenAI's <c>/v1/audio/transcriptions</c> and <c>/v1/chat/completions</c>. A chat request whose messages mention
/// <c>"intent"</c> (the summary's JSON shape) is answered with <see cref="Summary"/>, any other with <see cref="Reply"/>.
/// </summary>
public sealed class FakeOpenAI(string apiKey)
{
    public const string DefaultTranscript = "שלום, אני רוצה לקבוע פגישה";
    public const string DefaultReply = "תודה, נחזור אליך בהקדם";
    public const string DefaultSummary =
        """{"summary": "המתקשר מבקש לקבוע פגישה.", "intent": "appointment", "lead": {"name": "דנה כהן", "city": "חיפה"}}""";

    private int completionNumber;

    public string ApiKey { get; } = apiKey;

    public string Transcript { get; set; } = DefaultTranscript;

    public string Reply { get; set; } = DefaultReply;

    public string Summary { get; set; } = DefaultSummary;

    public FakeFaults Faults { get; } = new();

    /// <summary>Closed: transcription requests wait at it (a pipeline held at its transcribe stage) until it is opened.</summary>
    public FakeGate TranscriptionGate { get; } = new();

    public RequestLog<TranscriptionRequest> Transcriptions { get; } = new();

    public RequestLog<ChatRequest> Chats { get; } = new();

    public void Reset()
    {
        Transcript = DefaultTranscript;
        Reply = DefaultReply;
        Summary = DefaultSummary;
        Faults.Clear();
        TranscriptionGate.Open();
        Transcriptions.Clear();
        Chats.Clear();
    }

    internal void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/audio/transcriptions", (Func<HttpContext, Task<IResult>>)TranscribeAsync);
        routes.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)CompleteAsync);
    }

    private bool IsAuthorized(HttpRequest request) => request.Headers.Authorization.ToString() == $"Bearer {ApiKey}";

    private async Task<IResult> TranscribeAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "Expected multipart/form-data.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"];
        var authorized = IsAuthorized(context.Request);
        var responseFormat = Field(form, "response_format");
        Transcriptions.Add(new TranscriptionRequest(authorized, Field(form, "model"), Field(form, "language"), responseFormat,
            Field(form, "prompt"), file?.FileName, file?.ContentType, (int)(file?.Length ?? 0)));
        await TranscriptionGate.PassAsync(context.RequestAborted);
        if (!authorized)
        {
            return Error(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_api_key");
        }
        if (await Faults.ApplyAsync(context, status => Error(status, "The fake was told to fail.")) is { } fault)
        {
            return fault;
        }
        if (file is null || file.Length == 0 || Field(form, "model") is null)
        {
            return Error(StatusCodes.Status400BadRequest, "'file' and 'model' are required.");
        }
        var text = Transcript;
        return responseFormat switch
        {
            "text" or "srt" or "vtt" => Results.Text(text, "text/plain; charset=utf-8"),
            "verbose_json" => Results.Json(new
            {
                task = "transcribe", language = "hebrew", duration = 1.5, text,
                segments = new[] { new { id = 0, seek = 0, start = 0.0, end = 1.5, text, tokens = new[] { 1 }, temperature = 0.0, avg_logprob = -0.2, compression_ratio = 1.0, no_speech_prob = 0.01 } },
            }),
            _ => Results.Json(new { text }),
        };
    }

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        JsonNode? request;
        try
        {
            request = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "The body is not JSON.");
        }
        var messages = ReadMessages(request?["messages"]);
        var isSummary = messages.Any(m => m.Content.Contains("\"intent\"", StringComparison.Ordinal));
        var authorized = IsAuthorized(context.Request);
        var model = (string?)request?["model"];
        Chats.Add(new ChatRequest(authorized, model, messages, isSummary, (double?)request?["temperature"],
            (int?)(request?["max_completion_tokens"] ?? request?["max_tokens"]), body));
        if (!authorized)
        {
            return Error(StatusCodes.Status401Unauthorized, "Incorrect API key provided.", "invalid_api_key");
        }
        if (await Faults.ApplyAsync(context, status => Error(status, "The fake was told to fail.")) is { } fault)
        {
            return fault;
        }
        if (model is null || messages.Count == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "'model' and 'messages' are required.");
        }
        if ((bool?)request?["stream"] == true)
        {
            return Error(StatusCodes.Status400BadRequest, "The fake does not stream.");
        }
        var content = isSummary ? Summary : Reply;
        var promptTokens = messages.Sum(m => m.Content.Length) / 4 + 1;
        var completionTokens = content.Length / 4 + 1;
        return Results.Json(new
        {
            id = $"chatcmpl-fake{Interlocked.Increment(ref completionNumber)}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, logprobs = (object?)null, finish_reason = "stop" },
            },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
            system_fingerprint = "fp_fake",
        });
    }

    private static List<ChatMessageEntry> ReadMessages(JsonNode? messages)
    {
        var entries = new List<ChatMessageEntry>();
        foreach (var message in messages as JsonArray ?? [])
        {
            var content = message?["content"] switch
            {
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                // The array form: [{"type": "text", "text": "..."}, ...]
                JsonArray parts => string.Concat(parts.Select(part => (string?)part?["text"] ?? "")),
                _ => "",
            };
            entries.Add(new ChatMessageEntry((string?)message?["role"] ?? "", content));
        }
        return entries;
    }

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    internal static IResult Error(int status, string message, string? code = null) => Results.Json(
        new { error = new { message, type = status == 401 ? "invalid_request_error" : "server_error", param = (string?)null, code } },
        statusCode: status);
}
