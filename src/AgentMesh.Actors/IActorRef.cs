namespace AgentMesh.Actors;

/// <summary>
/// A handle to one actor incarnation. Telling is fire-and-forget, never blocks and never throws
/// for a dead target: the message goes to dead letters instead. Messages from one sender to one
/// recipient arrive in the order they were told.
/// </summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/>; <paramref name="sender"/> is what the recipient sees as
    /// <c>Sender</c>. Left out inside an actor's turn, the sender is that actor; elsewhere, <see cref="Nobody"/>.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
