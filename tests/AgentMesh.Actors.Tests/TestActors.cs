namespace AgentMesh.Actors.Tests;

/// <summary>Forwards every message it receives to a probe.</summary>
internal sealed class EchoActor(IActorRef probe) : Actor
{
    protected override void OnReceive(object message) => probe.Tell(message, Sender);
}

/// <summary>Reports its lifecycle hooks to a probe and throws on demand.</summary>
internal sealed class LifecycleActor(IActorRef probe, string name = "actor") : Actor
{
    private int _state;

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "throw":
                throw new InvalidOperationException("boom");
            case "throw-argument":
                throw new ArgumentException("bad argument");
            case "increment":
                _state++;
                break;
            case "state":
                Sender.Tell(_state);
                break;
            default:
                probe.Tell(message, Sender);
                break;
        }
    }

    protected override void PreStart() => probe.Tell($"{name}:pre-start");

    protected override void PostStop() => probe.Tell($"{name}:post-stop");

    protected override void PreRestart(Exception reason, object? message)
    {
        probe.Tell($"{name}:pre-restart:{message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        probe.Tell($"{name}:post-restart");
        base.PostRestart(reason);
    }
}
