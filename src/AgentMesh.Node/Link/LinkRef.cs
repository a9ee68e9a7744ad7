using System.Threading.Channels;
using AgentMesh.Actors;

namespace AgentMesh.Node.Link;

/// <summary>
/// The ref an agent's actor tells frames to: it writes them, in order, to the connection's outbox,
/// which one writer loop sends. Never blocks the telling actor.
/// </summary>
internal sealed class LinkRef(string connectionId, ChannelWriter<object> outbox) : IActorRef
{
    private static readonly ActorPath Root = ActorPath.Root(new Address("agent-links"));

    public ActorPath Path { get; } = Root.Child(connectionId, 0);

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        outbox.TryWrite(message);
    }

    public override string ToString() => Path.ToString();
}
