using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors.Events;

/// <summary>The system's <c>/deadLetters</c>: anything told to it is counted, logged and published as <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public ActorSystem System => system;

    public void Tell(object message, IActorRef? sender = null)
    {
        if (message is DeadLetter letter)
        {
            system.DeadLetter(letter.Message, letter.Sender, letter.Recipient);
        }
        else
        {
            system.DeadLetter(message, sender ?? Nobody.Instance, this);
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false));
        }
    }

    public override string ToString() => Path.ToString();
}
