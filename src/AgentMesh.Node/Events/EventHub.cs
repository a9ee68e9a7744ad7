using System.Collections.Immutable;
using System.Text.Json;
using AgentMesh.Node.Metrics;

namespace AgentMesh.Node.Events;

/// <summary>
/// The node's in-process event bus for live views: the domain publishes (agent state changes,
/// alerts, spend ticks), every <c>GET /api/events</c> stream subscribes. Each subscriber has a
/// bounded queue; a subscriber that reads too slowly loses its oldest events and is told how many
/// with a <see cref="DroppedType"/> event. Publishing never waits for a subscriber.
/// </summary>
public sealed class EventHub
{
    /// <summary>The type of the notice a subscriber gets after losing events; its data is <c>{"count":n}</c>.</summary>
    public const string DroppedType = "dropped";

    public const int DefaultCapacity = 256;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Lock _publishLock = new();
    private readonly int _capacity;
    private readonly NodeMetrics? _metrics;
    private ImmutableArray<EventSubscription> _subscribers = [];
    private long _lastId;

    /// <param name="metrics">Counts dropped events and open subscriptions; optional.</param>
    /// <param name="capacityPerSubscriber">Events held for one subscriber before the oldest is dropped.</param>
    public EventHub(NodeMetrics? metrics = null, int capacityPerSubscriber = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerSubscriber, 1);
        _metrics = metrics;
        _capacity = capacityPerSubscriber;
    }

    public int SubscriberCount => _subscribers.Length; // an ImmutableArray is one reference: reads are atomic

    /// <summary>Publishes <paramref name="payload"/> serialized as camelCase JSON.</summary>
    public HubEvent Publish<T>(string type, T payload) => PublishJson(type, JsonSerializer.Serialize(payload, JsonOptions));

    /// <summary>
    /// Publishes an event whose data is already JSON text. Ids are assigned under a lock together
    /// with the hand-over to every queue, so every subscriber sees ids in increasing order; the lock
    /// is held for non-blocking queue writes only.
    /// </summary>
    public HubEvent PublishJson(string type, string json)
    {
        ServerSentEventWriter.ValidateField(type, nameof(type));
        ArgumentNullException.ThrowIfNull(json);
        lock (_publishLock)
        {
            var hubEvent = new HubEvent(++_lastId, type, json);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(hubEvent);
            }

            return hubEvent;
        }
    }

    /// <summary>Starts receiving every event published from now on. Dispose the subscription to stop.</summary>
    public EventSubscription Subscribe()
    {
        var subscription = new EventSubscription(this, _capacity, _metrics);
        lock (_publishLock)
        {
            _subscribers = _subscribers.Add(subscription);
        }

        _metrics?.SubscriberAdded();
        return subscription;
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        bool removed;
        lock (_publishLock)
        {
            var before = _subscribers.Length;
            _subscribers = _subscribers.Remove(subscription);
            removed = _subscribers.Length != before;
        }

        if (removed)
        {
            _metrics?.SubscriberRemoved();
        }
    }
}
