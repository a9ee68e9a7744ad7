using System.Threading.Channels;

namespace AgentMesh.Client.Tests;

/// <summary>Collects a client's state changes so that a test can await them in order.</summary>
internal sealed class StateRecorder
{
    private readonly Channel<AgentLinkStateChange> _changes = Channel.CreateUnbounded<AgentLinkStateChange>();

    public StateRecorder(AgentLinkClient client)
    {
        client.StateChanged += (_, change) => _changes.Writer.TryWrite(change);
    }

    /// <summary>The next change; fails the test if none comes within <paramref name="timeout"/>.</summary>
    public async Task<AgentLinkStateChange> NextAsync(TimeSpan timeout) =>
        await _changes.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>Skips changes up to and including the next one into <paramref name="state"/>, and returns it.</summary>
    public async Task<AgentLinkStateChange> NextInAsync(AgentLinkConnectionState state, TimeSpan timeout)
    {
        while (true)
        {
            var change = await NextAsync(timeout);
            if (change.State == state)
            {
                return change;
            }
        }
    }

    /// <summary>The changes already recorded and not yet read.</summary>
    public IReadOnlyList<AgentLinkStateChange> Drain()
    {
        var changes = new List<AgentLinkStateChange>();
        while (_changes.Reader.TryRead(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }
}
