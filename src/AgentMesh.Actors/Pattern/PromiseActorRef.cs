using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors.Pattern;

/// <summary>
/// The temporary ref behind an ask: the first message told to it completes the ask. It watches the
/// target, so an ask to an actor that stops (or is already dead) fails at once instead of waiting
/// out its timeout. Every way out — reply, timeout, cancellation, target stopped — runs the same
/// cleanup exactly once: timer disposed, cancellation unregistered, target unwatched, ref released.
/// </summary>
internal sealed class PromiseActorRef : IInternalActorRef
{
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IInternalActorRef _target;
    private ITimer? _timer;
    private CancellationTokenRegistration _registration;
    private int _completed;

    private PromiseActorRef(IInternalActorRef target)
    {
        _target = target;
        System = target.System;
        Path = System.NextTemporaryPath();
    }

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public bool IsTerminated => Volatile.Read(ref _completed) != 0;

    public static Task<object> Start(IInternalActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var promise = new PromiseActorRef(target);
        promise._timer = promise.System.TimeProvider.CreateTimer(
            static state =>
            {
                var self = (PromiseActorRef)state!;
                self.Complete(null, new AskTimeoutException($"Ask to {self._target.Path} timed out after {self.Timeout}."));
            },
            promise,
            timeout,
            global::System.Threading.Timeout.InfiniteTimeSpan);
        promise.Timeout = timeout;
        promise._registration = cancellationToken.Register(
            static (state, token) => ((PromiseActorRef)state!).Complete(null, new OperationCanceledException(token)),
            promise);
        if (promise.IsTerminated)
        {
            // Cancelled before it started: do not bother the target.
            return promise._promise.Task;
        }

        target.SendSystemMessage(new Watch(target, promise));
        target.Tell(message, promise);
        return promise._promise.Task;
    }

    private TimeSpan Timeout { get; set; }

    public void Tell(object message, IActorRef? sender = null) => Complete(message, null);

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification && ReferenceEquals(notification.Actor, _target))
        {
            Complete(null, new AskTargetTerminatedException(_target));
        }
    }

    private void Complete(object? reply, Exception? error)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        _timer?.Dispose();
        _registration.Dispose();
        _target.SendSystemMessage(new Unwatch(_target, this));
        System.TemporaryRefReleased();
        if (error is not null)
        {
            _promise.TrySetException(error);
        }
        else
        {
            _promise.TrySetResult(reply!); // A reply is never null: Tell rejects null messages upstream.
        }
    }
}
