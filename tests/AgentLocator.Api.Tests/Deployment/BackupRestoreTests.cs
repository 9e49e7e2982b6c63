using System.Diagnostics;
using System.Security.Cryptography;
using AgentLocator.Api.Tests.Infrastructure;
using AgentLocator.Grains.Data;
using AgentLocator.Grains.Data.Entities;
using AgentLocator.Grains.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLocator.Api.Tests.Deployment;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh as an operator runs them: a migrated, seeded database and a media store are
/// backed up, restored into a new database and an empty folder, and every table's rows and every media file match.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "agentlocator-backup-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<string> databases = [];

    private string MediaDir => Path.Combine(work, "media");
    private string BackupDir => Path.Combine(work, "backups");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(work);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await TestServices.DropDatabaseAsync(database);
        }
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_backup_restored_into_a_new_database_and_media_folder_has_the_same_rows_and_files()
    {
        var source = await NewDatabaseAsync();
        await SeedAsync(source);
        WriteMedia();

        var (backupExit, backupOutput) = await RunAsync("backup.sh", [], Environment(source, MediaDir));
        Assert.True(backupExit == 0, backupOutput);
        var backup = backupOutput.Trim().Split('\n')[^1];
        Assert.True(File.Exists(Path.Combine(backup, "database.dump")), backupOutput);

        var target = await NewDatabaseAsync();
        var restoredMedia = Path.Combine(work, "restored-media");
        var (restoreExit, restoreOutput) = await RunAsync("restore.sh", [backup], Environment(target, restoredMedia));
        Assert.True(restoreExit == 0, restoreOutput);

        var before = await TableChecksumsAsync(source);
        var after = await TableChecksumsAsync(target);
        Assert.True(before.Count > 10, $"only {before.Count} tables");
        Assert.True(before.Values.Sum(table => table.Rows) > 5, "the seed wrote almost nothing");
        Assert.Equal(before, after);
        Assert.Equal(MediaChecksums(MediaDir), MediaChecksums(restoredMedia));
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_has_data_and_a_damaged_backup()
    {
        var source = await NewDatabaseAsync();
        await SeedAsync(source);
        WriteMedia();
        var (_, output) = await RunAsync("backup.sh", [], Environment(source, MediaDir));
        var backup = output.Trim().Split('\n')[^1];

        // Into the database it came from (not empty): refused, nothing touched.
        var (intoUsed, intoUsedOutput) = await RunAsync("restore.sh", [backup], Environment(source, Path.Combine(work, "other-media")));
        Assert.Equal(4, intoUsed);
        Assert.Contains("empty database", intoUsedOutput);

        // A flipped byte in the dump: refused before anything is restored.
        var dump = Path.Combine(backup, "database.dump");
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(dump, bytes);
        var target = await NewDatabaseAsync();
        var (damaged, damagedOutput) = await RunAsync("restore.sh", [backup], Environment(target, Path.Combine(work, "other-media")));
        Assert.Equal(3, damaged);
        Assert.Contains("damaged", damagedOutput);
        Assert.Empty(await TableChecksumsAsync(target));
    }

    [Fact]
    public async Task Backups_older_than_the_retention_are_deleted_and_the_newest_kept()
    {
        var source = await NewDatabaseAsync();
        var old = Path.Combine(BackupDir, "agentlocator-20200101T000000Z");
        var recent = Path.Combine(BackupDir, "agentlocator-20991231T000000Z");
        var unrelated = Path.Combine(BackupDir, "keep-me");
        foreach (var folder in new[] { old, recent, unrelated })
        {
            Directory.CreateDirectory(folder);
        }
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-30));
        Directory.SetLastWriteTimeUtc(unrelated, DateTime.UtcNow.AddDays(-30));

        var environment = Environment(source, MediaDir);
        environment["BACKUP_KEEP_DAYS"] = "14";
        var (exit, output) = await RunAsync("backup.sh", [], environment);

        Assert.True(exit == 0, output);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));
        Assert.True(Directory.Exists(unrelated));
        Assert.True(Directory.Exists(output.Trim().Split('\n')[^1]));
    }

    private async Task<string> NewDatabaseAsync()
    {
        var name = await TestServices.CreateDatabaseAsync();
        databases.Add(name);
        return name;
    }

    /// <summary>The schema as the migrate command makes it, and the demo businesses, users, customers and tasks.</summary>
    private static async Task SeedAsync(string database)
    {
        var options = new DbContextOptionsBuilder<AgentLocatorDbContext>()
            .UseNpgsql(TestServices.ConnectionStringFor(database))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using var db = new AgentLocatorDbContext(options, new FixedTenantContext(null));
        await db.Database.MigrateAsync();
        Assert.True(await DevelopmentSeed.ApplyAsync(db, new PasswordHasher<User>()));
    }

    private void WriteMedia()
    {
        var random = new Random(17);
        foreach (var relative in new[] { "public/greeting-1.mp3", "private/b1/recording.wav", "private/b2/שיחה.wav", "hold.mp3" })
        {
            var path = Path.Combine(MediaDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[random.Next(1_000, 200_000)];
            random.NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
        }
    }

    private static Dictionary<string, string> MediaChecksums(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(root, path),
            path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));

    /// <summary>Per table: the row count and an md5 of every row's text in a fixed order.</summary>
    private static async Task<SortedDictionary<string, (long Rows, string Checksum)>> TableChecksumsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(TestServices.ConnectionStringFor(database));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
            + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var checksums = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            checksums[table] = (reader.GetInt64(0), reader.GetString(1));
        }
        return checksums;
    }

    private Dictionary<string, string> Environment(string database, string mediaDir)
    {
        var server = new NpgsqlConnectionStringBuilder(TestServices.PostgresServer);
        return new()
        {
            ["DATABASE_URL"] = $"postgres://{server.Username}:{server.Password}@{server.Host}:{server.Port}/{database}",
            ["Media__Path"] = mediaDir,
            ["BACKUP_DIR"] = BackupDir,
        };
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AgentLocator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (AgentLocator.sln) was not found.");
    }
}
