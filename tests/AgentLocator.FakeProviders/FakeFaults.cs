namespace AgentLocator.FakeProviders;

/// <summary>What a fake does instead of its normal answer, for error and timeout tests. Applies to all its endpoints.</summary>
public sealed class FakeFaults
{
    /// <summary>Answer every request with this status (and the provider's error body) instead of the normal answer.</summary>
    public int? Status { get; set; }

    /// <summary>Wait this long before answering (the wait ends early when the client gives up).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer with this body verbatim (status 200 unless <see cref="Status"/> is set): malformed JSON and the like.</summary>
    public string? Body { get; set; }

    public void Clear()
    {
        Status = null;
        Delay = TimeSpan.Zero;
        Body = null;
    }

    /// <summary>The fault's answer, or null to answer normally.</summary>
    internal async Task<IResult?> ApplyAsync(HttpContext context, Func<int, IResult> errorBody)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        if (Body is { } body)
        {
            return Results.Text(body, "application/json", statusCode: Status ?? StatusCodes.Status200OK);
        }
        return Status is { } status ? errorBody(status) : null;
    }
}
