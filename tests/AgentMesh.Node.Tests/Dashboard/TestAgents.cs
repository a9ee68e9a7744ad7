using AgentMesh.Client;
using AgentMesh.Client.Frames;

namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>Agents connected to a test node over the real agent link with the .NET client.</summary>
internal static class TestAgents
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static Uri LinkUri(TestNode node) =>
        new UriBuilder(node.Host.Addresses[0]) { Scheme = "ws", Path = "/agents/link" }.Uri;

    /// <summary>Connects <paramref name="agentId"/> (hello, hello-ok) and returns the client; dispose it to go away.</summary>
    public static async Task<AgentLinkClient> ConnectAsync(TestNode node, string agentId, string? incarnation = null)
    {
        var client = new AgentLinkClient(new AgentLinkClientOptions { NodeUri = LinkUri(node), AgentId = agentId, Incarnation = incarnation });
        try
        {
            await client.ConnectAsync().WaitAsync(Timeout);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Four link transitions (up, down, up, down) of one incarnation within seconds: the default
    /// flap policy (4 transitions in 2 minutes) puts the agent in <c>flapping</c>.
    /// </summary>
    public static async Task FlapAsync(TestNode node, string agentId)
    {
        var incarnation = Guid.NewGuid().ToString("N");
        for (var connection = 0; connection < 2; connection++)
        {
            await using var client = await ConnectAsync(node, agentId, incarnation);
        }
    }

    /// <summary>Reads the client's frames until one of type <typeparamref name="T"/> arrives.</summary>
    public static async Task<T> NextAsync<T>(AgentLinkClient client)
        where T : NodeFrame
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (await client.Frames.ReadAsync(timeout.Token).AsTask().WaitAsync(Timeout) is T frame)
            {
                return frame;
            }
        }
    }
}
