using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>
/// Runs each voice webhook inside its call's trace (<see cref="CallTrace"/>), so the grain calls, database statements
/// and provider requests it causes appear under the call rather than under an anonymous HTTP request.
/// After the signature check, which has already read (and cached) the form.
/// </summary>
internal sealed class CallTraceFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var callSid = request.HasFormContentType ? await CallSidAsync(request) : "";
        if (callSid.Length == 0)
        {
            return await next(context);
        }
        using var activity = CallTrace.Start("twilio " + request.Path.Value, callSid);
        return await next(context);
    }

    private static async Task<string> CallSidAsync(HttpRequest request)
    {
        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form["CallSid"].ToString();
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A body the signature check let through but that is not a readable form has no call to trace.
            return "";
        }
    }
}
