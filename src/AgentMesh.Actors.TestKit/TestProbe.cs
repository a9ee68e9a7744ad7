using System.Threading.Channels;
using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors.TestKit;

/// <summary>
/// A ref a test holds to receive messages and assert on them. Every wait is bounded by a timeout
/// in real time (default <see cref="DefaultTimeout"/>); the system's clock, which drives the
/// actors' timers, is separate and moved by the test.
/// </summary>
public sealed class TestProbe : IInternalActorRef
{
    private static long s_names;

    private readonly Channel<(object Message, IActorRef Sender)> _inbox =
        Channel.CreateUnbounded<(object, IActorRef)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<(object Message, IActorRef Sender)> _peeked = new();
    private readonly HashSet<IActorRef> _watching = [];
    private readonly Lock _lock = new();
    private object? _lastMessage;

    public TestProbe(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        Path = system.TemporaryPath.Child(name ?? "probe-" + Interlocked.Increment(ref s_names), 0);
    }

    public static TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <see cref="ExpectNoMsgAsync"/> listens by default.</summary>
    public static TimeSpan DefaultNoMessageWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public bool IsTerminated => false;

    /// <summary>The sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; } = Nobody.Instance;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _inbox.Writer.TryWrite((message, sender ?? Nobody.Instance));
    }

    void IInternalActorRef.SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification)
        {
            bool watched;
            lock (_lock)
            {
                watched = _watching.Remove(notification.Actor);
            }

            if (watched)
            {
                Tell(new Terminated(notification.Actor, notification.ExistenceConfirmed), notification.Actor);
            }
        }
    }

    /// <summary>Delivers <see cref="Terminated"/> for <paramref name="actor"/> to this probe exactly once.</summary>
    public void Watch(IActorRef actor)
    {
        bool added;
        lock (_lock)
        {
            added = _watching.Add(actor);
        }

        if (added && actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Dispatch.Watch(target, this));
        }
    }

    public void Unwatch(IActorRef actor)
    {
        bool removed;
        lock (_lock)
        {
            removed = _watching.Remove(actor);
        }

        if (removed && actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Dispatch.Unwatch(target, this));
        }
    }

    /// <summary>Sends <paramref name="message"/> to the sender of the last message received, as this probe.</summary>
    public void Reply(object message) => LastSender.Tell(message, this);

    /// <summary>Passes the last message received on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target) =>
        target.Tell(_lastMessage ?? throw new InvalidOperationException("The probe has received nothing to forward."), LastSender);

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, Func<T, bool>? predicate = null)
    {
        var (message, _) = await ReceiveOneAsync(timeout ?? DefaultTimeout, $"a {typeof(T).Name}").ConfigureAwait(false);
        if (message is not T typed)
        {
            throw new TestKitAssertionException($"{Path.Name} expected a {typeof(T).Name} but received {Describe(message)}.");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitAssertionException($"{Path.Name} received {Describe(message)}, which does not match the expectation.");
        }

        return typed;
    }

    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null)
        where T : notnull
    {
        var received = await ExpectMsgAsync<T>(timeout).ConfigureAwait(false);
        if (!Equals(received, expected))
        {
            throw new TestKitAssertionException($"{Path.Name} expected {Describe(expected)} but received {Describe(received)}.");
        }

        return received;
    }

    public Task<Terminated> ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsgAsync<Terminated>(timeout, t => ReferenceEquals(t.Actor, actor));

    /// <summary>Asserts that nothing arrives for <paramref name="duration"/> of real time.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null)
    {
        if (_peeked.Count > 0)
        {
            throw new TestKitAssertionException($"{Path.Name} expected no message but has {Describe(_peeked.Peek().Message)}.");
        }

        using var cancel = new CancellationTokenSource(duration ?? DefaultNoMessageWindow);
        try
        {
            var (message, _) = await _inbox.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            throw new TestKitAssertionException($"{Path.Name} expected no message but received {Describe(message)}.");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    /// <summary>Receives messages, skipping those that do not match, until one matches.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var (message, _) = await ReceiveOneAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, $"a matching {typeof(T).Name}").ConfigureAwait(false);
            if (message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>
    /// Receives messages while they match <paramref name="predicate"/>, up to <paramref name="maxMessages"/>
    /// or until nothing arrives for <paramref name="idle"/>; the first non-matching message stays in the probe.
    /// </summary>
    public async Task<IReadOnlyList<T>> ReceiveWhileAsync<T>(Func<object, bool> predicate, TimeSpan? idle = null, int maxMessages = int.MaxValue)
    {
        var received = new List<T>();
        while (received.Count < maxMessages)
        {
            var next = await TryPeekAsync(idle ?? DefaultNoMessageWindow).ConfigureAwait(false);
            if (next is not { } item || !predicate(item.Message) || item.Message is not T typed)
            {
                break;
            }

            _peeked.Dequeue();
            Remember(item);
            received.Add(typed);
        }

        return received;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages of type <typeparamref name="T"/>.</summary>
    public async Task<IReadOnlyList<T>> ReceiveNAsync<T>(int count, TimeSpan? timeout = null)
    {
        var received = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            received.Add(await ExpectMsgAsync<T>(timeout).ConfigureAwait(false));
        }

        return received;
    }

    public override string ToString() => Path.ToString();

    private async Task<(object Message, IActorRef Sender)> ReceiveOneAsync(TimeSpan timeout, string expectation)
    {
        if (_peeked.TryDequeue(out var peeked))
        {
            Remember(peeked);
            return peeked;
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var item = await _inbox.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            Remember(item);
            return item;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TestKitAssertionException($"{Path.Name} expected {expectation} within {timeout} but received nothing.");
        }
    }

    private async Task<(object Message, IActorRef Sender)?> TryPeekAsync(TimeSpan wait)
    {
        if (_peeked.TryPeek(out var peeked))
        {
            return peeked;
        }

        using var cancel = new CancellationTokenSource(wait);
        try
        {
            var item = await _inbox.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            _peeked.Enqueue(item);
            return item;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Remember((object Message, IActorRef Sender) item)
    {
        _lastMessage = item.Message;
        LastSender = item.Sender;
    }

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";
}
