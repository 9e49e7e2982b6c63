using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.Calls.Media;

/// <summary>
/// An admin's audio upload (greeting recording, hold clip): one multipart field <c>file</c>, WAV or MP3 as Twilio's
/// &lt;Play&gt; takes them, decided by the bytes rather than the browser's label. Every refusal is problem+json.
/// </summary>
public sealed record AudioUpload(byte[]? Content, string? ContentType, ProblemHttpResult? Problem, ValidationProblem? Invalid)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Reads the upload; <paramref name="what"/> names it in the messages ("greeting", "hold clip").</summary>
    public static async Task<AudioUpload> ReadAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Refused(TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"Send the {what} as multipart/form-data with a field named file."));
        }
        if (request.ContentLength > MaxBytes + 64 * 1024)
        {
            return Refused(TooLarge(what));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // A truncated or malformed multipart body is the client's mistake, not a server error.
            return Unreadable("The upload was not a readable multipart form.");
        }
        if (form.Files.GetFile("file") is not { } file || file.Length == 0)
        {
            return Unreadable("Choose an audio file to upload.");
        }
        if (file.Length > MaxBytes)
        {
            return Refused(TooLarge(what));
        }
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        if (TypeOf(content) is not { } contentType)
        {
            return Refused(TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"The {what} must be a WAV or MP3 recording."));
        }
        return new AudioUpload(content, contentType, null, null);
    }

    /// <summary>WAV (RIFF/WAVE) or MP3 (an ID3 tag or an MPEG frame sync); anything else is null.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }
        if (content.Length >= 3 && (content[..3].SequenceEqual("ID3"u8) || content[0] == 0xFF && (content[1] & 0xE0) == 0xE0))
        {
            return "audio/mpeg";
        }
        return null;
    }

    private static AudioUpload Refused(ProblemHttpResult problem) => new(null, null, problem, null);

    private static AudioUpload Unreadable(string message) =>
        new(null, null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [message] }));

    private static ProblemHttpResult TooLarge(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The {what} may be at most 5 MB.");
}
