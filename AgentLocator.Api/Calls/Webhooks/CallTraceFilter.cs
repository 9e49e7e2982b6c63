using AgentLocator.Api.Integrations.Twilio;
using AgentLocator.Grains.Telemetry;

namespace AgentLocator.Api.Calls.Webhooks;

/// <summary>
/// Runs each voice webhook inside its call's trace (<see cref="CallTrace"/>), so the grain calls, database statements
/// and provider requests it causes appear under the call rather than under an anonymous HTTP request.
/// After the signature check; the form was read once, by the binding (<see cref="TwilioForm"/>).
/// </summary>
internal sealed class CallTraceFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var callSid = (await TwilioForm.ReadAsync(http)).Fields.GetValueOrDefault("CallSid").ToString();
        if (callSid.Length == 0)
        {
            return await next(context);
        }
        using var activity = CallTrace.Start("twilio " + http.Request.Path.Value, callSid);
        return await next(context);
    }
}
