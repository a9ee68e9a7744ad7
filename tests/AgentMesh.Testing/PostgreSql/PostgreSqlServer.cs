using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgentMesh.Testing.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: created with <c>initdb</c> in a temporary directory,
/// listening on a free loopback port with trust authentication, and removed on dispose.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to the
/// <c>postgres</c> user and every server command goes through <c>runuser</c>. The server runs with
/// its durability settings on (<c>fsync</c>, <c>synchronous_commit</c>, <c>full_page_writes</c>), so
/// crash tests against it mean something; only <c>initdb</c>'s final flush of the fresh cluster is
/// skipped, since a cluster that outlived a machine crash would be thrown away anyway.
/// </remarks>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>The superuser created by initdb; trust authentication needs no password.</summary>
    public const string UserName = "postgres";

    private const string ServerUser = "postgres";
    private const string DirectoryPrefix = "agentmesh-pg-";
    private const string OwnerFile = "owner";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _binaries;
    private readonly string _directory;
    private readonly string? _runAs;
    private int _databases;

    private PostgreSqlServer(string binaries, string directory, string? runAs, int port)
    {
        _binaries = binaries;
        _directory = directory;
        _runAs = runAs;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>Creates, starts and waits for a new cluster.</summary>
    /// <exception cref="InvalidOperationException">The binaries are missing, or the server did not start (the message carries its log).</exception>
    public static async Task<PostgreSqlServer> StartAsync(CancellationToken cancellationToken)
    {
        var binaries = PostgreSqlBinaries.Locate();
        var runAs = Environment.IsPrivilegedProcess ? ServerUser : null;
        await ReapOrphansAsync(binaries, runAs, cancellationToken);
        var directory = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, OwnerFile), OwnerStamp(Environment.ProcessId) ?? string.Empty, cancellationToken);
        var server = new PostgreSqlServer(binaries, directory, runAs, FreeLoopbackPort());
        try
        {
            if (runAs is not null)
            {
                await server.RunAsync("/bin/chown", ["-R", $"{ServerUser}:{ServerUser}", directory], asServerUser: false, cancellationToken);
            }

            await server.RunToolAsync(
                "initdb",
                ["-D", server.DataDirectory, "-U", UserName, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
            await server.RunToolAsync(
                "pg_ctl",
                [
                    "start", "-W", "-D", server.DataDirectory, "-l", server.LogFile,
                    "-o", $"-c listen_addresses=127.0.0.1 -c port={server.Port} -c unix_socket_directories={directory} " +
                          "-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 " +
                          "-c shared_buffers=64MB -c jit=off -c logging_collector=off",
                ],
                cancellationToken);
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = UserName,
            Database = database,
            Timeout = 30,
            CommandTimeout = 60,
        }.ConnectionString;

    /// <summary>Creates an empty database named after <paramref name="purpose"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = $"{Sanitize(purpose)}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>, as a crash would) and deletes the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAndDeleteAsync();
    }

    /// <summary>
    /// Stops and deletes the clusters of test processes that died without disposing their server
    /// (killed by a hang timeout, say), which would otherwise run until the machine restarts. A
    /// cluster is an orphan when the process named in its owner file (pid and start time, so a
    /// reused pid does not count) is gone; directories without an owner file are left alone.
    /// </summary>
    private static async Task ReapOrphansAsync(string binaries, string? runAs, CancellationToken cancellationToken)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, OwnerFile);
            if (!File.Exists(owner) || OwnerIsAlive(await File.ReadAllTextAsync(owner, cancellationToken)))
            {
                continue;
            }

            var orphan = new PostgreSqlServer(binaries, directory, runAs, port: 0);
            try
            {
                await orphan.StopAndDeleteAsync();
            }
            catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Another fixture is reaping it at the same moment, or it is not ours to remove.
            }
        }
    }

    /// <summary>
    /// The process id and its start time in clock ticks since boot, from <c>/proc/&lt;pid&gt;/stat</c>:
    /// exact, so another process reads the same value (<see cref="Process.StartTime"/> is derived from
    /// the current time minus the uptime and differs by milliseconds from one process to the next,
    /// which made a live fixture's cluster look orphaned to a concurrent one, and reaped).
    /// Null when the process is gone.
    /// </summary>
    public static string? OwnerStamp(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields are counted from
        // the last ')'. The start time is field 22, the 20th after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? $"{pid} {fields[19]}" : null;
    }

    private static bool OwnerIsAlive(string stamp)
    {
        var parts = stamp.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid))
        {
            return true; // not a stamp we wrote: leave the directory alone
        }

        return OwnerStamp(pid) == stamp.Trim();
    }

    private static int FreeLoopbackPort()
    {
        // The port is free now; another process could take it before the server binds it, in which
        // case start-up fails with the server's log in the message.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sanitize(string purpose)
    {
        var name = new string(purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return name.Length > 50 ? name[..50] : name;
    }

    private async Task StopAndDeleteAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // A bounded poll of an external process: pg_isready exits 0 once connections are accepted.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var probe = await ExternalProcess.RunAsync(
                Path.Combine(_binaries, "pg_isready"), ["-h", Host, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "1"],
                asUser: null, ToolTimeout, cancellationToken);
            if (probe.ExitCode == 0)
            {
                return;
            }

            if (waited.Elapsed > ReadyTimeout)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not accept connections on {Host}:{Port} within {ReadyTimeout}. Server log:\n{ReadLog()}");
            }

            await Task.Delay(ReadyPollInterval, cancellationToken);
        }
    }

    private Task RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binaries, tool), arguments, asServerUser: true, cancellationToken);

    private async Task RunAsync(string fileName, IEnumerable<string> arguments, bool asServerUser, CancellationToken cancellationToken)
    {
        var result = await ExternalProcess.RunAsync(fileName, arguments, asServerUser ? _runAs : null, ToolTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} failed with exit code {result.ExitCode}:\n{result.Output}\nServer log:\n{ReadLog()}");
        }
    }

    private string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";
}
