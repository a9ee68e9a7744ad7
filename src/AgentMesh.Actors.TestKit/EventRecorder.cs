namespace AgentMesh.Actors.TestKit;

/// <summary>
/// Records what it receives (subscribe it to event-stream channels) into a shared list, and forwards
/// each message to a probe. Answering <see cref="Flush"/> after everything told before it lets a test
/// wait until the events published so far are in the list, instead of sleeping.
/// </summary>
public sealed class EventRecorder(List<object> log, IActorRef forwardTo) : Actor
{
    public static Props Props(List<object> log, IActorRef forwardTo) =>
        Actors.Props.Create(() => new EventRecorder(log, forwardTo));

    protected override void OnReceive(object message)
    {
        if (message is Flush)
        {
            Sender.Tell(Flush.Instance);
            return;
        }

        lock (log)
        {
            log.Add(message);
        }

        forwardTo.Tell(message);
    }

    /// <summary>Ask the recorder; the answer (the same message) means everything before it is recorded.</summary>
    public sealed record Flush
    {
        public static readonly Flush Instance = new();

        private Flush()
        {
        }
    }
}
