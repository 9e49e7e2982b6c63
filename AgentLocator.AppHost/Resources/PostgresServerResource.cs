using System.Security.Cryptography;

namespace AgentLocator.AppHost.Resources;

/// <summary>
/// A Postgres server run from Debian's binaries as an Aspire executable: its data directory is its own
/// (initialised on first run), its unix socket lives beside it, and it listens on the port DCP assigns behind its proxy.
/// The connection string names the <c>postgres</c> superuser with a password generated on first run and kept.
/// </summary>
internal sealed class PostgresServerResource(string name, string dataDirectory, string binDirectory)
    : ExecutableResource(name, ServerUser.ForServer().Command is { Length: > 0 } wrapper ? wrapper : Path.Combine(binDirectory, "postgres"), dataDirectory),
      IResourceWithConnectionString
{
    public const string Superuser = "postgres";
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Where initdb, postgres and psql come from: one folder, so a cluster is served by the version that made it.</summary>
    public string BinDirectory { get; } = binDirectory;

    /// <summary>Beside the data dir, owned by the server, so its unix socket never lands in a shared /tmp.</summary>
    public string SocketDirectory => DataDirectory.TrimEnd('/') + "-socket";

    /// <summary>Beside the data dir (initdb wants that one empty); mode 600.</summary>
    public string PasswordFile => DataDirectory.TrimEnd('/') + ".password";

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ConnectionStringFor("postgres");

    public ReferenceExpression ConnectionStringFor(string database) => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Database={database};Username={Superuser};Password={ReadOrCreatePassword()}");

    /// <summary>Generated on first run and kept, so a second run opens the same cluster with the same secret.</summary>
    public string ReadOrCreatePassword()
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(PasswordFile)!);
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        // Mode 600 from the start, so there is no moment where others could read it.
        using var stream = new FileStream(PasswordFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(password);
        return password;
    }

    /// <summary>
    /// Before every start: the socket dir exists and belongs to the server user; on the first run, initdb (as the
    /// server user) with password logins over TCP and trust over the socket, which only the server user can enter.
    /// </summary>
    public async Task PrepareAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var password = ReadOrCreatePassword();
        CreatePrivateDirectory(SocketDirectory);
        await ServerUser.GiveToServerUserAsync(SocketDirectory, cancellationToken);

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Reusing the cluster in {DataDirectory}", DataDirectory);
            await ServerUser.GiveToServerUserAsync(DataDirectory, cancellationToken);
            return;
        }

        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new InvalidOperationException($"{DataDirectory} is not empty but holds no Postgres cluster; move it away.");
        }

        CreatePrivateDirectory(DataDirectory);
        await ServerUser.GiveToServerUserAsync(DataDirectory, cancellationToken);

        // initdb runs as the server user, which cannot read our 600 file: it gets a copy in its own socket dir.
        var passwordCopy = Path.Combine(SocketDirectory, "initdb.pwfile");
        try
        {
            await File.WriteAllTextAsync(passwordCopy, password, cancellationToken);
            File.SetUnixFileMode(passwordCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await ServerUser.GiveToServerUserAsync(passwordCopy, cancellationToken);

            logger.LogInformation("First run: initdb into {DataDirectory}", DataDirectory);
            var initdb = ServerUser.ForTool(Path.Combine(BinDirectory, "initdb"),
            [
                "-D", DataDirectory, "-U", Superuser, $"--pwfile={passwordCopy}",
                "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            ]);
            initdb.WorkingDirectory = SocketDirectory;
            var result = await ServerUser.RunAsync(initdb, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}: {result.Output}");
            }

            logger.LogInformation("initdb done");
        }
        finally
        {
            File.Delete(passwordCopy);
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Whether the server says it accepts connections, read from the 8th line of its postmaster.pid ("ready") without
    /// connecting: a connection while it starts makes Postgres log "FATAL: the database system is starting up", a red
    /// line in every first run. A file we cannot read falls back to connecting.
    /// </summary>
    public bool SaysReady()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
            return lines.Length >= 8 && lines[7].Trim() == "ready";
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Debian installs each major version under /usr/lib/postgresql/N/bin; the newest one wins.</summary>
    public static string? FindBinDirectory(string root = "/usr/lib/postgresql") =>
        Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Where(dir => File.Exists(Path.Combine(dir, "bin", "postgres")) && File.Exists(Path.Combine(dir, "bin", "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out var major) ? major : 0)
                .Select(dir => Path.Combine(dir, "bin"))
                .FirstOrDefault()
            : null;
}

/// <summary>A database on the server: referencing it hands over its connection string under the database's name.</summary>
internal sealed class PostgresDatabaseResource(string name, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName => Name;

    public ReferenceExpression ConnectionStringExpression => Parent.ConnectionStringFor(DatabaseName);
}
