using AgentMesh.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentMesh.Node.Tests;

/// <summary>
/// A real node on a real Kestrel listener at 127.0.0.1 on a port the system chooses, with its data
/// and logs in a temporary directory, its console log captured and no process environment.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private bool _stopped;

    private TestNode(NodeHost host, TestDirectory directory, SynchronizedLog console)
    {
        Host = host;
        Directory = directory;
        Console = console;
        Client = new HttpClient { BaseAddress = host.Addresses[0], Timeout = Timeout };
    }

    public NodeHost Host { get; }

    public TestDirectory Directory { get; }

    public SynchronizedLog Console { get; }

    public HttpClient Client { get; }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <param name="settings">Extra settings, as command-line <c>--key=value</c> pairs without the dashes.</param>
    /// <param name="services">Replaces or adds services.</param>
    /// <param name="application">Maps test endpoints.</param>
    public static async Task<TestNode> StartAsync(
        IEnumerable<string>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? application = null)
    {
        var directory = new TestDirectory();
        var console = new SynchronizedLog();
        try
        {
            var host = await NodeHost.StartAsync(
                Arguments(directory, settings),
                Options(directory, console) with { ConfigureServices = services, ConfigureApplication = application },
                CancellationToken.None).WaitAsync(Timeout);
            return new TestNode(host, directory, console);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The arguments of a test node: a name, a free port, data and logs in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Arguments(TestDirectory directory, IEnumerable<string>? settings = null) =>
    [
        "--AgentMesh:Node:Name=test-node",
        "--AgentMesh:Node:Urls=http://127.0.0.1:0",
        $"--AgentMesh:Store:Sqlite:Path={directory.File("agentmesh.db")}",
        $"--AgentMesh:Logging:File:Path={directory.File("logs/agentmesh-.json")}",
        .. (settings ?? []).Select(setting => "--" + setting),
    ];

    /// <summary>Host options that read nothing from the machine: no settings file, no environment.</summary>
    public static NodeHostOptions Options(TestDirectory directory, TextWriter console) => new()
    {
        SettingsFile = directory.File("no-appsettings.json"),
        EnvironmentVariables = new Dictionary<string, string?>(),
        ConsoleOutput = console,
        ErrorOutput = TextWriter.Null,
    };

    /// <summary>Stops the node and disposes it (which flushes the log files); the directory stays until dispose.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Client.Dispose();
        try
        {
            await Host.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        }
        finally
        {
            await Host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Dispose();
        }
    }
}
