using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace AgentLocator.AppHost.Hosting;

/// <summary>
/// A local Postgres server from Debian's binaries, in a data directory of its own. As root it runs as the
/// <c>postgres</c> OS user, since postgres refuses to run as root.
/// </summary>
internal sealed partial class PostgresServerResource : Resource
{
    private const string Superuser = "postgres";
    private const string OsUser = "postgres";

    private readonly List<string> _databases = [];
    private readonly ToolLocator _tools;

    public PostgresServerResource(string name, string dataDirectory, int port, ToolLocator tools)
        : base(name)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _tools = tools;
        Endpoints.Add(new Endpoint("tcp", "tcp", port));
        HealthCheck = CheckReadyAsync;
    }

    public override string Kind => "Postgres";

    public string DataDirectory { get; set; }

    public int Port { get; }

    /// <summary>Beside the data dir, owned by the server, so its unix socket never lands in a shared /tmp.</summary>
    public string SocketDirectory => DataDirectory.TrimEnd('/') + "-socket";

    /// <summary>Beside the data dir (not in it, initdb wants it empty); mode 600, read on every start.</summary>
    public string PasswordFile => DataDirectory.TrimEnd('/') + ".password";

    public IReadOnlyList<string> Databases => _databases;

    public override IEnumerable<RequiredTool> RequiredTools => base.RequiredTools.Concat(
    [
        new("postgres", "postgresql"),
        new("initdb", "postgresql"),
        new("pg_isready", "postgresql"),
        new("psql", "postgresql"),
        ..(Posix.IsRoot ? [new RequiredTool("setpriv", "util-linux"), new RequiredTool("runuser", "util-linux")] : Array.Empty<RequiredTool>()),
    ]);

    public void AddDatabase(string database)
    {
        if (!DatabaseName().IsMatch(database))
        {
            throw new ArgumentException($"Database name '{database}' must be letters, digits and underscores.", nameof(database));
        }

        if (!_databases.Contains(database))
        {
            _databases.Add(database);
        }
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username={Superuser};Password={ReadOrCreatePassword()}";

    /// <summary>Generated on first run and kept, so a second run opens the same cluster with the same secret.</summary>
    public string ReadOrCreatePassword()
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(PasswordFile)!);
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        // Created with mode 600 from the start, so there is no moment where others could read it.
        using (var stream = new FileStream(PasswordFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(password);
        }

        return password;
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var password = ReadOrCreatePassword();
        CreateOwnedDirectory(SocketDirectory);
        await ChownToServerUserAsync(SocketDirectory, cancellationToken);

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Log($"reusing the cluster in {DataDirectory}");
            if (Posix.IsRoot)
            {
                MakeAncestorsTraversable(DataDirectory);
                MakeAncestorsTraversable(SocketDirectory);
            }

            return;
        }

        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new InvalidOperationException($"{DataDirectory} is not empty but holds no Postgres cluster; move it away.");
        }

        CreateOwnedDirectory(DataDirectory);
        await ChownToServerUserAsync(DataDirectory, cancellationToken);
        if (Posix.IsRoot)
        {
            MakeAncestorsTraversable(DataDirectory);
            MakeAncestorsTraversable(SocketDirectory);
        }

        // initdb runs as the server user, which cannot read our 600 file: hand it a copy in the socket dir.
        var passwordCopy = Path.Combine(SocketDirectory, "initdb.pwfile");
        try
        {
            File.WriteAllText(passwordCopy, password);
            File.SetUnixFileMode(passwordCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await ChownToServerUserAsync(passwordCopy, cancellationToken);

            Log($"first run: initdb into {DataDirectory}");
            var result = await CommandRunner.RunAsync(
                AsServerUser(RequirePgTool("initdb"),
                [
                    "-D", DataDirectory, "-U", Superuser, $"--pwfile={passwordCopy}",
                    "--auth-host=scram-sha-256", "--auth-local=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                ], viaRunuser: true),
                (stream, line) => Logs.Add(stream, line),
                cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}");
            }
        }
        finally
        {
            File.Delete(passwordCopy);
        }
    }

    public override LaunchSpec CreateLaunchSpec() =>
        AsServerUser(RequirePgTool("postgres"),
        [
            "-D", DataDirectory, "-p", Port.ToString(), "-k", SocketDirectory, "-c", "listen_addresses=127.0.0.1",
        ], viaRunuser: false) with
        {
            // SIGINT is Postgres' "fast" shutdown: roll back sessions, checkpoint, exit. SIGTERM would wait for clients.
            StopSignal = Posix.SigInt,
            StopTimeout = TimeSpan.FromSeconds(30),
        };

    public async Task<HealthResult> CheckReadyAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(
            new LaunchSpec(RequirePgTool("pg_isready"), ["-h", "127.0.0.1", "-p", Port.ToString(), "-t", "3"], WorkingDirectoryForTools),
            null,
            cancellationToken);
        return result.Succeeded
            ? HealthResult.Healthy("pg_isready: accepting connections")
            : HealthResult.Unhealthy($"pg_isready: {string.Join(' ', result.Output).Trim()}");
    }

    public override async Task OnHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var database in _databases)
        {
            var exists = await PsqlAsync($"SELECT 1 FROM pg_database WHERE datname = '{database}'", cancellationToken);
            if (exists.Output.Any(line => line.Trim() == "1"))
            {
                continue;
            }

            Log($"creating database {database}");
            var created = await PsqlAsync($"CREATE DATABASE \"{database}\"", cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"could not create database {database}: {string.Join(' ', created.Output)}");
            }
        }
    }

    /// <summary>Over the unix socket, where initdb's "trust" rule lets any local user in as the superuser.</summary>
    public Task<CommandRunner.Result> PsqlAsync(string sql, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(
            new LaunchSpec(RequirePgTool("psql"),
                ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", SocketDirectory, "-p", Port.ToString(), "-U", Superuser, "-d", "postgres", "-c", sql],
                WorkingDirectoryForTools),
            null,
            cancellationToken);

    private string WorkingDirectoryForTools => Path.GetDirectoryName(DataDirectory.TrimEnd('/'))!;

    /// <summary>
    /// The server binary decides the version; initdb and friends come from the same folder so a cluster is
    /// never initialised by one major version and served by another.
    /// </summary>
    private string RequirePgTool(string tool)
    {
        var serverDir = Path.GetDirectoryName(_tools.Require("postgres"))!;
        var sibling = Path.Combine(serverDir, tool);
        return File.Exists(sibling) ? sibling : _tools.Require(tool);
    }

    /// <summary>
    /// setpriv execs in place, so the pid we hold is the postmaster's and signals reach it directly.
    /// runuser stays as a parent and answers a signal with SIGTERM then SIGKILL 2 s later, which is fine for
    /// one-shot tools but could cut short a checkpoint.
    /// </summary>
    private LaunchSpec AsServerUser(string executable, IReadOnlyList<string> arguments, bool viaRunuser)
    {
        var workingDirectory = WorkingDirectoryForTools;
        if (!Posix.IsRoot)
        {
            return new LaunchSpec(executable, arguments, workingDirectory);
        }

        string[] prefix = viaRunuser
            ? ["-u", OsUser, "--"]
            : [$"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", "--"];
        return new LaunchSpec(viaRunuser ? "runuser" : "setpriv", [.. prefix, executable, .. arguments], DataDirectory);
    }

    private static void CreateOwnedDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task ChownToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!Posix.IsRoot)
        {
            return;
        }

        var result = await CommandRunner.RunAsync(new LaunchSpec("chown", ["-R", $"{OsUser}:{OsUser}", path], "/"), null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"chown {path} failed: {string.Join(' ', result.Output)}");
        }
    }

    /// <summary>The server user must be able to walk down to its data dir, e.g. through /root/src/… .</summary>
    private void MakeAncestorsTraversable(string path)
    {
        for (var dir = Directory.GetParent(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                Log($"allowing other users to traverse {dir.FullName} (chmod o+x) so '{OsUser}' can reach its data");
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex DatabaseName();
}

/// <summary>A database on a server: referencing it yields a connection string, waiting for it waits for the server.</summary>
internal sealed class PostgresDatabaseResource(PostgresServerResource server, string databaseName) : IResourceWithConnectionString
{
    public PostgresServerResource Server { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public Resource WaitTarget => Server;

    public string ConnectionStringName => DatabaseName;

    public string GetConnectionString() => Server.ConnectionString(DatabaseName);
}
