using System.Diagnostics.Metrics;

namespace AgentMesh.Node.Metrics;

/// <summary>
/// The node's own meter, <c>AgentMesh.Node</c>, created through the host's <see cref="IMeterFactory"/>
/// so that two nodes in one process (tests) keep their numbers apart. Other parts of the node add
/// their instruments to <see cref="Meter"/>; every meter whose name starts with <c>AgentMesh</c>
/// is exported on <c>/metrics</c> (<see cref="PrometheusExporter"/>).
/// </summary>
public sealed class NodeMetrics
{
    public const string MeterName = "AgentMesh.Node";

    /// <summary>The <c>surface</c> tag of a refused admin call.</summary>
    public const string AdminSurface = "admin";

    /// <summary>The <c>surface</c> tag of a refused agent connection.</summary>
    public const string AgentSurface = "agent";

    private readonly Counter<long> _authenticationFailures;
    private readonly Counter<long> _eventsDropped;
    private readonly UpDownCounter<long> _eventSubscribers;

    public NodeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _authenticationFailures = Meter.CreateCounter<long>("agentmesh.node.auth.failures", "{request}",
            "Admin calls and agent connections refused for a missing or wrong token");
        _eventsDropped = Meter.CreateCounter<long>("agentmesh.node.events.dropped", "{event}",
            "Events dropped for event-stream subscribers that read too slowly");
        _eventSubscribers = Meter.CreateUpDownCounter<long>("agentmesh.node.events.subscribers", "{subscriber}",
            "Open event-stream subscriptions");
    }

    public Meter Meter { get; }

    public void AuthenticationFailed(string surface) =>
        _authenticationFailures.Add(1, new KeyValuePair<string, object?>("surface", surface));

    public void EventsDropped(long count) => _eventsDropped.Add(count);

    public void SubscriberAdded() => _eventSubscribers.Add(1);

    public void SubscriberRemoved() => _eventSubscribers.Add(-1);
}
