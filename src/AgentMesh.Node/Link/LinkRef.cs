using System.Threading.Channels;
using AgentMesh.Actors;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;

namespace AgentMesh.Node.Link;

/// <summary>
/// The ref an agent's actor tells frames to: it writes them, in order, to the connection's outbox,
/// which one writer loop sends. Never blocks the telling actor. On the way it notes whether the agent
/// is suspended, as the frames say (<c>hello-ok</c>, <c>suspended</c>, <c>resumed</c>).
/// </summary>
internal sealed class LinkRef(string connectionId, ChannelWriter<object> outbox) : IActorRef
{
    private static readonly ActorPath Root = ActorPath.Root(new Address("agent-links"));

    // 0: no hello-ok yet, 1: not suspended, 2: suspended. Written by the agent's actor, read by the receive loop.
    private int _standing;

    public ActorPath Path { get; } = Root.Child(connectionId, 0);

    /// <summary>
    /// True once the agent's actor has said (in a frame told to this ref) that the agent is not
    /// suspended, and has not said otherwise since. A suspension is told here before anything else
    /// can be sent on its behalf, so a send read after this turns false is checked by the actor.
    /// </summary>
    public bool KnownNotSuspended => Volatile.Read(ref _standing) == 1;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case HelloOkFrame helloOk:
                Volatile.Write(ref _standing, helloOk.State == AgentState.Suspended ? 2 : 1);
                break;
            case SuspendedFrame:
                Volatile.Write(ref _standing, 2);
                break;
            case ResumedFrame:
                Volatile.Write(ref _standing, 1);
                break;
        }

        outbox.TryWrite(message);
    }

    public override string ToString() => Path.ToString();
}
