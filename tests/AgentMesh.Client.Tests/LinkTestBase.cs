using AgentMesh.Testing.Link;

namespace AgentMesh.Client.Tests;

/// <summary>
/// A scripted node on loopback, a manual clock, and the clients a test makes, all torn down after it.
/// Clients default to exact back-off (1 s doubling to 8 s, no jitter) on the manual clock.
/// </summary>
public abstract class LinkTestBase : IAsyncLifetime
{
    /// <summary>Bounds every await on real time, so that a broken test fails instead of hanging.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<AgentLinkClient> _clients = [];

    internal ScriptedNode Node { get; private set; } = null!; // Set by InitializeAsync before any test runs.

    internal TestClock Clock { get; } = new();

    public async Task InitializeAsync() => Node = await ScriptedNode.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().AsTask().WaitAsync(Patience);
        }

        await Node.DisposeAsync().AsTask().WaitAsync(Patience);
    }

    protected AgentLinkClientOptions Options() => new()
    {
        NodeUri = Node.LinkUri,
        AgentId = "gpu-box",
        ReconnectMinDelay = TimeSpan.FromSeconds(1),
        ReconnectMaxDelay = TimeSpan.FromSeconds(8),
        ReconnectJitter = 0,
        TimeProvider = Clock,
    };

    protected AgentLinkClient CreateClient(Func<AgentLinkClientOptions, AgentLinkClientOptions>? configure = null)
    {
        var client = new AgentLinkClient(configure is null ? Options() : configure(Options()));
        _clients.Add(client);
        return client;
    }

    internal async Task<ScriptedNode.NodeConnection> NextConnectionAsync() =>
        await Node.Connections.ReadAsync().AsTask().WaitAsync(Patience);

    internal static async Task<T> NextFrameAsync<T>(AgentLinkClient client)
    {
        var frame = await client.Frames.ReadAsync().AsTask().WaitAsync(Patience);
        return frame.Should().BeOfType<T>().Subject;
    }
}
