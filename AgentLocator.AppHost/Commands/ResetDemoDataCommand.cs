using AgentLocator.AppHost.Resources;
using Npgsql;

namespace AgentLocator.AppHost.Commands;

/// <summary>
/// The api's "Reset demo data" command: drops the development database and creates it empty, then restarts the API,
/// whose Development start-up migrates and applies the demo seed (DatabaseStartup). Only the AppHost's own
/// database is touched: this command exists in development, where the AppHost runs.
/// </summary>
internal static class ResetDemoDataCommand
{
    public const string Name = "reset-demo-data";

    public static IResourceBuilder<ProjectResource> WithResetDemoDataCommand(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<PostgresDatabaseResource> database) =>
        api.WithCommand(Name, "Reset demo data", async context =>
        {
            var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database.Resource.Parent);
            var server = await database.Resource.Parent.ConnectionStringExpression.GetValueAsync(context.CancellationToken);
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync(context.CancellationToken);
                var name = new NpgsqlCommandBuilder().QuoteIdentifier(database.Resource.DatabaseName);
                logger.LogInformation("Reset demo data: dropping and re-creating {Database}", database.Resource.DatabaseName);
                // FORCE ends the API's open connections; it is restarted right after anyway.
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync(context.CancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync(context.CancellationToken);
            }

            var commands = context.Services.GetRequiredService<ResourceCommandService>();
            var restarted = await commands.ExecuteCommandAsync(api.Resource, KnownResourceCommands.RestartCommand, context.CancellationToken);
            return restarted.Success
                ? CommandResults.Success()
                : CommandResults.Failure($"the database was reset but the API did not restart: {restarted.Message}");
        }, new CommandOptions
        {
            Description = "Drops the development database and restarts the API, which migrates it and seeds the demo businesses again",
            ConfirmationMessage = "Every business, customer, call and task in the development database will be deleted and the demo seed applied again. Continue?",
            IconName = "ArrowReset",
        });
}
