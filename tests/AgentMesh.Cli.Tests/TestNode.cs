using AgentMesh.Node.Hosting;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// A real node embedded with <see cref="NodeHost"/>: 127.0.0.1 on a port the system chooses, a
/// temporary SQLite file, no settings file, no process environment, logs discarded.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly NodeHost _host;
    private readonly DirectoryInfo _directory;

    private TestNode(NodeHost host, DirectoryInfo directory)
    {
        _host = host;
        _directory = directory;
    }

    /// <summary>The admin address, <c>http://127.0.0.1:port</c>.</summary>
    public string Url => _host.Addresses[0].ToString().TrimEnd('/');

    /// <summary>The agent link, <c>ws://127.0.0.1:port/agents/link</c>.</summary>
    public Uri LinkUri => new(Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/agents/link");

    /// <param name="settings">Extra settings as <c>Section:Key=value</c>.</param>
    public static async Task<TestNode> StartAsync(params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("agentmesh-cli-tests-");
        try
        {
            string[] args =
            [
                "--AgentMesh:Node:Name=test-node",
                "--AgentMesh:Node:Urls=http://127.0.0.1:0",
                $"--AgentMesh:Store:Sqlite:Path={Path.Combine(directory.FullName, "agentmesh.db")}",
                "--AgentMesh:Logging:File:Enabled=false",
                "--AgentMesh:Logging:Console:Enabled=false",
                .. settings.Select(setting => "--AgentMesh:" + setting),
            ];
            var host = await NodeHost.StartAsync(args, new NodeHostOptions
            {
                SettingsFile = Path.Combine(directory.FullName, "no-appsettings.json"),
                EnvironmentVariables = new Dictionary<string, string?>(),
                ConsoleOutput = TextWriter.Null,
                ErrorOutput = TextWriter.Null,
            }, CancellationToken.None).WaitAsync(CliRun.Patience);
            return new TestNode(host, directory);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(CancellationToken.None).WaitAsync(CliRun.Patience);
        }
        finally
        {
            await _host.DisposeAsync();
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A handle still closing; the system cleans temporary files.
            }
        }
    }
}
