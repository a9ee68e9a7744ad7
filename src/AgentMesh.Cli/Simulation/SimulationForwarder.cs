using AgentMesh.Actors;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// What the budgets suspend agents through: the node's budgets start before the agents' region and
/// reach it through a relay of their own; the simulation gives them this forwarder instead, bound to
/// the region before any traffic, because it can be pinged — the settle step must know that a
/// suspension told by a budget has reached the region.
/// </summary>
internal sealed class SimulationForwarder : Actor
{
    private IActorRef? _target;

    public static Props Props() => Actors.Props.Create(() => new SimulationForwarder());

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SimulationPing:
                Sender.Tell(message);
                break;
            case Bind bind:
                _target = bind.Target;
                break;
            default:
                // Bound before the simulation sends any traffic, so nothing arrives unbound.
                (_target ?? Context.System.DeadLetters).Tell(message, Sender);
                break;
        }
    }

    public sealed record Bind(IActorRef Target);
}
