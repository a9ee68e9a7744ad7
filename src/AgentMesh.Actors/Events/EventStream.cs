using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace AgentMesh.Actors.Events;

/// <summary>
/// Publish/subscribe by type within one actor system. A subscriber to a type receives every
/// published event assignable to it (a base class or interface catches its subclasses). Publishing
/// never blocks; dead subscribers are dropped on the next publish.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<Type, IActorRef[]> _byEventType = new();
    private readonly Func<Type, IActorRef[]> _resolve;
    private ImmutableList<(Type Channel, IActorRef Subscriber)> _subscriptions = [];

    public EventStream()
    {
        _resolve = Resolve; // One delegate, not one per publish.
    }

    public void Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            if (!_subscriptions.Contains((channel, subscriber)))
            {
                _subscriptions = _subscriptions.Add((channel, subscriber));
                _byEventType.Clear();
            }
        }
    }

    public void Subscribe<TEvent>(IActorRef subscriber) => Subscribe(subscriber, typeof(TEvent));

    /// <summary>Removes the subscription to <paramref name="channel"/>, or every subscription of the subscriber when null.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_lock)
        {
            _subscriptions = _subscriptions.RemoveAll(s =>
                ReferenceEquals(s.Subscriber, subscriber) && (channel is null || s.Channel == channel));
            _byEventType.Clear();
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var subscribers = _byEventType.GetOrAdd(@event.GetType(), _resolve);
        foreach (var subscriber in subscribers)
        {
            if (subscriber is IInternalActorRef { IsTerminated: true })
            {
                Unsubscribe(subscriber);
                continue;
            }

            subscriber.Tell(@event);
        }
    }

    private IActorRef[] Resolve(Type eventType)
    {
        var subscriptions = _subscriptions;
        return [.. subscriptions.Where(s => s.Channel.IsAssignableFrom(eventType)).Select(s => s.Subscriber).Distinct()];
    }
}
