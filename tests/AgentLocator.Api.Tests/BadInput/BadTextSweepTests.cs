using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Json;
using AgentLocator.Api.Operator;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Api.Tests.Timeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AgentLocator.Api.Tests.BadInput;

/// <summary>
/// Every mapped JSON endpoint that writes (POST, PUT, PATCH), with a NUL or a lone surrogate in each of its string
/// fields in turn, answers a client error (400/404/409/422) as problem+json, never a 500. The cases come from the
/// running app's endpoints and its own JSON contract, so a new endpoint is swept without editing this test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadTextSweepTests(AgentLocatorApiFactory api)
{
    private sealed record SweepCase(string Method, string Route, string Field, JsonObject Body)
    {
        public override string ToString() => $"{Method} {Route} {Field}";
    }

    private static readonly HttpStatusCode[] ClientErrors =
        [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity];

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\ud800")]
    public async Task Every_json_write_endpoint_refuses_unstorable_text_in_each_string_field(string escaped)
    {
        var (_, admin, _) = await api.NewBusinessAsync();
        // A real customer, note and task, so routes with ids reach their handlers rather than stopping at "not found".
        var customer = await admin.CreateCustomerAsync(new { name = "סריקה" });
        var note = await admin.AddNoteAsync(customer.Id, "הערה");
        var task = await admin.CreateTaskAsync(customer.Id, "משימה");
        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var sweep in cases)
        {
            var path = Path(sweep.Route, customer.Id, note.Note!.NoteId, task.Id);
            // The marker stands in for the broken text; JsonNode would otherwise escape it, or turn a lone surrogate into U+FFFD.
            var json = sweep.Body.ToJsonString().Replace(Marker, "x" + escaped + "y", StringComparison.Ordinal);
            var request = new HttpRequestMessage(new HttpMethod(sweep.Method), path)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            // The operator's routes are reached with the operator key, as the operator reaches them.
            if (path.StartsWith(OperatorApi.Prefix, StringComparison.Ordinal))
            {
                request.Headers.Add(OperatorAccess.KeyHeader, api.Services.GetRequiredService<IConfiguration>()[OperatorAccess.KeySetting]);
            }
            var response = await admin.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!ClientErrors.Contains(response.StatusCode) || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{sweep}: {(int)response.StatusCode} {body}");
            }
            else if (response.StatusCode == HttpStatusCode.BadRequest && !NamesField(body, sweep.Field))
            {
                failures.Add($"{sweep}: the 400 does not name {sweep.Field}: {body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The sweep really covers the writes the issue lists (and more): it fails if enumeration finds nothing.
        var covered = cases.Select(c => c.ToString()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "POST /api/crm/customers name", "PATCH /api/crm/customers/{id:guid} name", "POST /api/crm/customers/{id:guid}/notes text",
            "PATCH /api/crm/customers/{id:guid}/notes/{noteId:guid} text", "POST /api/tasks/ title", "POST /api/tasks/ notes",
            "PATCH /api/tasks/{id:guid} title", "PUT /api/admin/call-settings/ greetingText", "POST /api/auth/login email",
            "PUT /api/me/preferences/{key} value", "PUT /api/admin/features features",
        }, covered);
    }

    private const string Marker = "@@BROKEN@@";

    /// <summary>One case per (endpoint, string field): a body with just that field holding the broken text.</summary>
    private IEnumerable<SweepCase> Cases()
    {
        var json = api.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
            if (accepts?.RequestType is not { } bodyType || !accepts.ContentTypes.Contains("application/json"))
            {
                continue;
            }
            foreach (var method in methods.Intersect([HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch]))
            {
                foreach (var (field, body) in BrokenBodies(json.GetTypeInfo(bodyType), json, depth: 0))
                {
                    yield return new SweepCase(method, endpoint.RoutePattern.RawText!, field, body);
                }
            }
        }
    }

    /// <summary>For each string-carrying property (strings, lists of them, free JSON, nested objects): a body breaking just it.</summary>
    private static IEnumerable<(string Field, JsonObject Body)> BrokenBodies(JsonTypeInfo type, JsonSerializerOptions json, int depth)
    {
        if (type.Kind != JsonTypeInfoKind.Object || depth > 2)
        {
            yield break;
        }
        foreach (var property in type.Properties)
        {
            var valueType = property.PropertyType;
            if (valueType.IsGenericType && valueType.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                valueType = valueType.GetGenericArguments()[0];
            }
            if (valueType == typeof(string) || valueType == typeof(JsonElement))
            {
                yield return (property.Name, new JsonObject { [property.Name] = Marker });
            }
            else if (valueType != typeof(string) && valueType.GetInterfaces().Append(valueType)
                .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && i.GetGenericArguments()[0] == typeof(string)))
            {
                yield return (property.Name, new JsonObject { [property.Name] = new JsonArray("ok", Marker) });
            }
            else if (!valueType.IsValueType)
            {
                foreach (var (inner, nested) in BrokenBodies(json.GetTypeInfo(valueType), json, depth + 1))
                {
                    yield return ($"{property.Name}.{inner}", new JsonObject { [property.Name] = nested });
                }
            }
        }
    }

    /// <summary>The route with real ids where the test has them (its customer, note, task), a fresh id elsewhere.</summary>
    private static string Path(string route, Guid customerId, Guid noteId, Guid taskId) => Regex.Replace(route
        .Replace("{id:guid}", (route.StartsWith("/api/tasks", StringComparison.Ordinal) ? taskId : customerId).ToString(), StringComparison.Ordinal)
        .Replace("{noteId:guid}", noteId.ToString(), StringComparison.Ordinal)
        .Replace("{key}", "sweep", StringComparison.Ordinal), @"\{[^}]*\}", Guid.NewGuid().ToString());

    /// <summary>The 400's errors name the field (or an item of it, tags[1]), as the caller spelled it.</summary>
    private static bool NamesField(string body, string field)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("errors", out var errors)
            && errors.EnumerateObject().Any(error => error.Name == field || error.Name.StartsWith(field + "[", StringComparison.Ordinal)
                || error.Name.StartsWith(field + ".", StringComparison.Ordinal));
    }
}
