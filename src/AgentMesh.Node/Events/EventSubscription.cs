using System.Globalization;
using System.Threading.Channels;
using AgentMesh.Node.Metrics;

namespace AgentMesh.Node.Events;

/// <summary>
/// One subscriber's queue on the <see cref="EventHub"/>: bounded, dropping its oldest event when
/// full. After a drop, the next read returns a <see cref="EventHub.DroppedType"/> notice with the
/// number lost before the events that follow it. One reader at a time.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly EventHub _hub;
    private readonly Channel<HubEvent> _queue;
    private long _dropped;

    internal EventSubscription(EventHub hub, int capacity, NodeMetrics? metrics)
    {
        _hub = hub;
        _queue = Channel.CreateBounded<HubEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                // Called inside the channel's lock while the publisher writes: only count here.
                Interlocked.Increment(ref _dropped);
                metrics?.EventsDropped(1);
            });
    }

    /// <summary>Takes the next event without waiting: a drop notice first when events were lost.</summary>
    public bool TryRead(out HubEvent hubEvent)
    {
        if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
        {
            hubEvent = new HubEvent(null, EventHub.DroppedType, string.Create(CultureInfo.InvariantCulture, $"{{\"count\":{dropped}}}"));
            return true;
        }

        if (_queue.Reader.TryRead(out var next))
        {
            hubEvent = next;
            return true;
        }

        hubEvent = null!; // never read when false is returned
        return false;
    }

    /// <summary>Completes with true when an event can be read, false when the subscription was disposed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    public async IAsyncEnumerable<HubEvent> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            while (TryRead(out var hubEvent))
            {
                yield return hubEvent;
            }
        }
        while (await WaitToReadAsync(cancellationToken));
    }

    internal void Offer(HubEvent hubEvent) => _queue.Writer.TryWrite(hubEvent);

    /// <summary>Leaves the hub; a pending or later wait answers false.</summary>
    public void Dispose()
    {
        _hub.Unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
