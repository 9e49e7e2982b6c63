using AgentLocator.Api;
using AgentLocator.Api.Account;
using AgentLocator.Api.Accounts;
using AgentLocator.Api.Admin;
using AgentLocator.Api.Audit;
using AgentLocator.Api.Calls;
using AgentLocator.Api.Calls.Media;
using AgentLocator.Api.Calls.Webhooks;
using AgentLocator.Api.Contracts;
using AgentLocator.Api.Customers;
using AgentLocator.Api.Infrastructure.Auth;
using AgentLocator.Api.Infrastructure.Bench;
using AgentLocator.Api.Infrastructure.Configuration;
using AgentLocator.Api.Infrastructure.Entitlements;
using AgentLocator.Api.Infrastructure.Hosting;
using AgentLocator.Api.Infrastructure.Realtime;
using AgentLocator.Api.Infrastructure.Text;
using AgentLocator.Api.Invoices;
using AgentLocator.Api.Notifications;
using AgentLocator.Api.Operator;
using AgentLocator.Api.Tasks;
using AgentLocator.Api.Timeline;
using AgentLocator.Api.WhatsApp;
using Scalar.AspNetCore;

if (OperatorCommandLine.IsCommand(args))
{
    return await OperatorCommandLine.RunAsync(args, Console.Out, Console.Error);
}
var migrateOnly = args.Contains("migrate");
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentAliases();
builder.Configuration.AddDevelopmentDefaults(builder.Environment);
try
{
    StartupSettings.EnsureUsable(builder.Configuration, builder.Environment, migrateOnly);
}
catch (InvalidSettingsException invalid)
{
    Console.Error.WriteLine(invalid.Message);
    return 2;
}

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (migrateOnly)
{
    return await app.MigrateAndExitAsync();
}

app.UseReverseProxySupport();
app.UseSecurityHeaders();
// Health probes answer here, after the proxy's headers and the hardening headers every answer carries, and before
// routing and everything after it, which a probe does not need.
app.UseHealthEndpoints();
app.UseBenchProbes();
// Explicit, so routing runs after the probes (WebApplication would otherwise put it first); same place for the rest.
app.UseRouting();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCorsWhenConfigured();
app.UseAuthentication();
app.UseAuthorization();
app.UseAuditActor();
app.UseFeatureGate();
app.UseStorableText();
app.UseRateLimiter();

app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}
app.MapAuthApi();
app.MapMeApi();
app.MapPreferencesApi();
app.MapAdminApi();
app.MapAuditApi();
app.MapAccountsApi();
app.MapCustomersApi();
app.MapTimelineApi();
app.MapNotificationsApi();
app.MapTasksApi();
app.MapTwilioWebhooks();
app.MapWhatsAppWebhooks();
app.MapWhatsAppApi();
app.MapWhatsAppSettingsApi();
app.MapWhatsAppInboxApi();
app.MapInvoicesApi();
app.MapSignatures();
app.MapTemplatePdfsApi();
app.MapContractTemplatesApi();
app.MapContractsApi();
app.MapContractSignaturesApi();
app.MapCallsApi();
app.MapCallSettingsApi();
app.MapTwilioNumberApi();
app.MapMediaApi();
app.MapDevelopmentReset();
app.MapFeatureFallbacks();
app.MapHub<AgentHub>(AgentHub.Path);
app.MapOperatorDashboard();
app.MapOperatorApi();
app.MapSinglePageApp();

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

public partial class Program;
