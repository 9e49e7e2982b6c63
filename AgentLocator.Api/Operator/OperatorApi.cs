using AgentLocator.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLocator.Api.Operator;

/// <summary>
/// The operator's business controls over HTTP, the same operations as <c>AgentLocator.Api admin …</c>. Behind the
/// operator key (<see cref="OperatorAccess"/>); not mapped when no key is set, like the Orleans dashboard.
/// </summary>
public static class OperatorApi
{
    public const string Prefix = "/api/operator";

    public static WebApplication MapOperatorApi(this WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[OperatorAccess.KeySetting]))
        {
            return app;
        }
        var api = app.MapGroup(Prefix + "/businesses").RequireAuthorization(OperatorAccess.Policy).WithTags("Operator");
        api.MapGet("/", (BusinessOperations operations, CancellationToken cancellationToken) => operations.ListAsync(cancellationToken))
            .WithSummary("Every business, with its plan, active users and suspension.");
        api.MapPost("/", CreateAsync).WithSummary("Create a business and its first admin's one-time invitation link.");
        api.MapPost("/{id:guid}/suspend", (Guid id, BusinessOperations operations, CancellationToken cancellationToken) =>
            Answer(operations.SuspendAsync(id, cancellationToken))).WithSummary("Suspend: every user is signed out; calls hear the service is unavailable.");
        api.MapPost("/{id:guid}/resume", (Guid id, BusinessOperations operations, CancellationToken cancellationToken) =>
            Answer(operations.ResumeAsync(id, cancellationToken))).WithSummary("End a suspension.");
        api.MapPut("/{id:guid}/plan", (Guid id, SetPlanRequest request, BusinessOperations operations, CancellationToken cancellationToken) =>
            Answer(operations.SetPlanAsync(id, request.Plan, cancellationToken))).WithSummary("Move the business to another plan.");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateBusinessRequest request, BusinessOperations operations, CancellationToken cancellationToken) =>
        await operations.CreateAsync(request, cancellationToken) switch
        {
            OperatorOutcome<CreatedBusinessResponse>.Done done => TypedResults.Created($"{Prefix}/businesses/{done.Value.Business.Id}", done.Value),
            var other => Problem(other),
        };

    private static async Task<IResult> Answer(Task<OperatorOutcome<OperatorBusinessResponse>> outcome) => await outcome switch
    {
        OperatorOutcome<OperatorBusinessResponse>.Done done => TypedResults.Ok(done.Value),
        var other => Problem(other),
    };

    private static IResult Problem<T>(OperatorOutcome<T> outcome) => outcome switch
    {
        OperatorOutcome<T>.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
        OperatorOutcome<T>.Conflict conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title, detail: conflict.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Business not found."),
    };
}
