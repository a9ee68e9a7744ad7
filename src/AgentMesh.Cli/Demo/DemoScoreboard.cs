using System.Text.Json;

namespace AgentMesh.Cli.Demo;

/// <summary>
/// What the demo has seen so far, from three sources: its own agents (reconnects, re-sends and the
/// node's answers), the node's view of the newcomer (polled from the admin API) and the node's event
/// stream (state changes, duplicates, alerts). Written from several tasks; every member takes the lock.
/// </summary>
internal sealed class DemoScoreboard
{
    /// <summary>The recent events kept for the live view.</summary>
    private const int KeptEvents = 9;

    private readonly Lock _lock = new();
    private readonly List<string> _events = [];
    private readonly List<string> _alerts = [];
    private int _reconnects;
    private int _payloadsSent;
    private int _payloadsDropped;
    private int _sessionsStarted;
    private JsonElement? _agent;

    /// <summary>Raised for every event line, outside the lock; the plain-text view prints them.</summary>
    public event Action<string>? EventAdded;

    public DemoSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new DemoSnapshot(_reconnects, _payloadsSent, _payloadsDropped, _sessionsStarted, _agent, [.. _events], [.. _alerts]);
        }
    }

    public void Reconnected()
    {
        lock (_lock)
        {
            _reconnects++;
        }
    }

    public void PayloadAnswered(bool duplicate)
    {
        lock (_lock)
        {
            _payloadsSent++;
            _payloadsDropped += duplicate ? 1 : 0;
        }
    }

    public void SessionStarted()
    {
        lock (_lock)
        {
            _sessionsStarted++;
        }
    }

    public void AgentSeen(JsonElement agent)
    {
        lock (_lock)
        {
            _agent = agent;
        }
    }

    public void Alert(string line)
    {
        lock (_lock)
        {
            _alerts.Add(line);
        }

        Event("ALERT " + line);
    }

    public void Event(string line)
    {
        lock (_lock)
        {
            _events.Add(line);
            if (_events.Count > KeptEvents)
            {
                _events.RemoveAt(0);
            }
        }

        EventAdded?.Invoke(line);
    }
}
