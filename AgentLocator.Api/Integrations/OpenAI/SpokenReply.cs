namespace AgentLocator.Api.Integrations.OpenAI;

/// <summary>Makes a model's answer fit to be spoken on the phone: one line, no wrapping quotes, not too long.</summary>
public static class SpokenReply
{
    /// <summary>About 25 seconds of speech: longer and the caller stops listening (and TTS costs grow with length).</summary>
    public const int MaxLength = 400;

    private static readonly char[] SentenceEnds = ['.', '!', '?', '…'];

    public static string Tidy(string? text)
    {
        var oneLine = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length >= 2 && oneLine[0] == '"' && oneLine[^1] == '"')
        {
            oneLine = oneLine[1..^1].Trim();
        }
        return oneLine.Length <= MaxLength ? oneLine : Shorten(oneLine);
    }

    // Prefer ending on a whole sentence, then on a whole word, as long as that keeps at least half the text.
    private static string Shorten(string text)
    {
        var window = text[..MaxLength];
        var sentenceEnd = window.LastIndexOfAny(SentenceEnds);
        if (sentenceEnd >= MaxLength / 2)
        {
            return window[..(sentenceEnd + 1)];
        }
        var space = window.LastIndexOf(' ');
        return space >= MaxLength / 2 ? window[..space].TrimEnd() + "…" : window;
    }
}
