using AgentMesh.Node.Hosting;

namespace AgentMesh.Benchmarks.Link;

/// <summary>
/// A real node for the link benchmarks: Kestrel on 127.0.0.1 on a port the system chooses, its
/// SQLite store in a temporary directory, warnings only on a discarded console and no log file, and
/// the recipient agents configured.
/// </summary>
internal sealed class LinkBenchmarkNode : IAsyncDisposable
{
    private readonly NodeHost _host;
    private readonly string _directory;

    private LinkBenchmarkNode(NodeHost host, string directory)
    {
        _host = host;
        _directory = directory;
    }

    public Uri Address => _host.Addresses[0];

    public static async Task<LinkBenchmarkNode> StartAsync(IReadOnlyList<string> recipients)
    {
        var directory = Directory.CreateTempSubdirectory("agentmesh-link-bench-").FullName;
        string[] args =
        [
            "--AgentMesh:Node:Name=bench",
            "--AgentMesh:Node:Urls=http://127.0.0.1:0",
            $"--AgentMesh:Store:Sqlite:Path={Path.Combine(directory, "agentmesh.db")}",
            "--AgentMesh:Logging:File:Enabled=false",
            "--AgentMesh:Logging:LogLevel:Default=Warning",
            .. recipients.Select(recipient => $"--AgentMesh:Agents:{recipient}="),
        ];
        var host = await NodeHost.StartAsync(args, new NodeHostOptions
        {
            SettingsFile = Path.Combine(directory, "no-appsettings.json"),
            EnvironmentVariables = new Dictionary<string, string?>(),
            ConsoleOutput = TextWriter.Null,
            ErrorOutput = TextWriter.Null,
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        return new LinkBenchmarkNode(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await _host.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
