using System.Net;
using System.Net.Sockets;
using AgentMesh.Node.Hosting;
using AgentMesh.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AgentMesh.Node.Tests.Hosting;

/// <summary>What <see cref="AgentMeshNode.RunAsync(string[], NodeHostOptions, CancellationToken)"/> prints and returns when a node cannot start.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly SynchronizedLog _console = new();
    private readonly StringWriter _error = new();

    [Fact]
    public async Task PortInUse_ExitsWithCannotListen_AndSaysWhatToSet()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var exitCode = await RunAsync("--urls", $"http://127.0.0.1:{port}");

        exitCode.Should().Be(NodeExitCode.CannotListen);
        _error.ToString().Should().Be($"cannot listen on http://127.0.0.1:{port}: the port is in use (set AgentMesh:Node:Urls or --urls){Environment.NewLine}");
        _console.ToString().Should().Contain("The store is closed", "what had started is stopped again");
    }

    [Fact]
    public async Task ReachableNodeWithoutTokens_ExitsWithInvalidConfiguration_ListingWhatToSet()
    {
        var exitCode = await RunAsync("--urls", "http://0.0.0.0:0", "--AgentMesh:Link:MaxFrameBytes=-5");

        exitCode.Should().Be(NodeExitCode.InvalidConfiguration);
        _error.ToString().Should().Be(
            "the configuration is not valid (2 problems):" + Environment.NewLine +
            "  AgentMesh:Link:MaxFrameBytes = \"-5\" on the command line: must be a whole number between 1024 and 67108864" + Environment.NewLine +
            "  AgentMesh:Node:Urls = \"http://0.0.0.0:0\" on the command line: listens where other machines can reach it (http://0.0.0.0:0), " +
            "so it needs tokens: set AgentMesh:Auth:AdminToken and AgentMesh:Auth:AgentToken (or AgentMesh:Auth:AgentTokens:<agent id> per agent), " +
            "or listen on 127.0.0.1 only" + Environment.NewLine);
        File.Exists(_directory.File("agentmesh.db")).Should().BeFalse("nothing starts before the configuration is valid");
    }

    [Fact]
    public async Task SqliteFileThatCannotBeCreated_ExitsWithStoreUnavailable_InOneLine()
    {
        _directory.Write("not-a-directory", "");
        var path = _directory.File("not-a-directory/agentmesh.db");

        var exitCode = await RunAsync($"--AgentMesh:Store:Sqlite:Path={path}");

        exitCode.Should().Be(NodeExitCode.StoreUnavailable);
        var error = _error.ToString();
        error.Should().StartWith($"cannot open the store (SQLite file {path}): ");
        error.TrimEnd().Should().NotContain("\n").And.NotContain(" at ");
    }

    [Fact]
    public async Task SqliteSchemaNewerThanThisCode_ExitsWithStoreUnavailable()
    {
        var path = _directory.File("newer.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE agentmesh_schema_migrations (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO agentmesh_schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00Z');
                """;
            command.ExecuteNonQuery();
        }

        var exitCode = await RunAsync($"--AgentMesh:Store:Sqlite:Path={path}");

        exitCode.Should().Be(NodeExitCode.StoreUnavailable);
        _error.ToString().Should().Be(
            $"cannot open the store (SQLite file {path}): its schema is at version 99, but this AgentMesh knows versions up to " +
            $"{SqliteStore.SupportedSchemaVersion}; it was migrated by a newer AgentMesh: upgrade this node{Environment.NewLine}");
    }

    [Fact]
    public async Task PostgreSqlThatIsDown_ExitsWithStoreUnavailable_WithoutThePassword()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var exitCode = await RunAsync($"--AgentMesh:Store:PostgreSql:ConnectionString=Host=127.0.0.1;Port={port};Database=mesh;Username=mesh;Password=pg-secret;Timeout=5");

        exitCode.Should().Be(NodeExitCode.StoreUnavailable);
        var error = _error.ToString();
        error.Should().StartWith($"cannot open the store (PostgreSQL database 'mesh' on 127.0.0.1:{port}, schema 'agentmesh'): Failed to connect to 127.0.0.1:{port}: ");
        error.Should().NotContain("pg-secret");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public async Task SetupThatThrows_StopsWhatHadStarted_AndExitsWithFailed()
    {
        var options = TestNode.Options(_directory, _console) with
        {
            ErrorOutput = _error,
            ConfigureServices = services => services.AddActorSystemSetup((_, _, _) => throw new InvalidOperationException("no event serializer")),
        };

        var exitCode = await AgentMeshNode.RunAsync([.. TestNode.Arguments(_directory)], options, CancellationToken.None).WaitAsync(TestNode.Timeout);

        exitCode.Should().Be(NodeExitCode.Failed);
        _error.ToString().Should().Be($"the node failed: InvalidOperationException: no event serializer{Environment.NewLine}");
        _console.ToString().Should().Contain("The store is closed");
    }

    [Fact]
    public async Task PortInUse_IsLoggedInOneLine_WithoutAStackTrace()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();

        await RunAsync("--urls", $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}");

        _console.ToString().Should().Contain("The node could not start: cannot listen on").And.NotContain(" at Microsoft.");
    }

    [Fact]
    public async Task CancelledRun_StopsCleanly_WithExitCodeZero()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = TestNode.Options(_directory, _console) with
        {
            ErrorOutput = _error,
            ConfigureApplication = app => app.Lifetime.ApplicationStarted.Register(started.SetResult),
        };

        var run = AgentMeshNode.RunAsync([.. TestNode.Arguments(_directory)], options, stop.Token);
        await started.Task.WaitAsync(TestNode.Timeout);
        await stop.CancelAsync();

        (await run.WaitAsync(TestNode.Timeout)).Should().Be(NodeExitCode.Stopped);
        _error.ToString().Should().BeEmpty();
        _console.ToString().Should().Contain("shut down cleanly").And.Contain("The store is closed");
    }

    private Task<int> RunAsync(params string[] settings)
    {
        var options = TestNode.Options(_directory, _console) with { ErrorOutput = _error };
        return AgentMeshNode.RunAsync([.. TestNode.Arguments(_directory), .. settings], options, CancellationToken.None).WaitAsync(TestNode.Timeout);
    }

    public void Dispose() => _directory.Dispose();
}
