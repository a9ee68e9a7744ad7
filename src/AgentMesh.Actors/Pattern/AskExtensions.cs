using System.Runtime.ExceptionServices;

namespace AgentMesh.Actors.Pattern;

/// <summary>Request-reply on top of tell.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> with a temporary sender and returns its first reply as
    /// <typeparamref name="TReply"/>. Throws <see cref="AskTimeoutException"/> after
    /// <paramref name="timeout"/> on the system's clock, <see cref="AskTargetTerminatedException"/>
    /// when the target stops first, <see cref="OperationCanceledException"/> on cancellation, and the
    /// carried exception when the reply is a <see cref="Status.Failure"/>.
    /// </summary>
    public static async Task<TReply> Ask<TReply>(this IActorRef target, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An ask timeout must be positive.");
        }

        if (target is not IInternalActorRef internalTarget)
        {
            throw new ArgumentException($"Cannot ask {target.Path}: it is not an actor of a running system.", nameof(target));
        }

        var reply = await PromiseActorRef.Start(internalTarget, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            TReply typed => typed,
            Status.Failure failure => Rethrow<TReply>(failure.Cause),
            _ => throw new InvalidCastException(
                $"Ask to {target.Path} expected a {typeof(TReply).Name} but the reply was a {reply.GetType().Name}."),
        };
    }

    private static T Rethrow<T>(Exception cause)
    {
        ExceptionDispatchInfo.Capture(cause).Throw();
        return default!; // Unreachable: Throw never returns.
    }
}
