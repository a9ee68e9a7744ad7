using AgentMesh.Actors;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// An actor that hands everything it receives to the simulation (a simulated agent's link, or the
/// recorder of notices and alerts): the simulation reads the sink on its own thread, in order, so a
/// simulated agent reacts deterministically. <see cref="SimulationPing"/> is answered, not handed over.
/// </summary>
internal sealed class SimulationTap(Action<object> sink) : Actor
{
    public static Props Props(Action<object> sink) => Actors.Props.Create(() => new SimulationTap(sink));

    protected override void OnReceive(object message)
    {
        if (message is SimulationPing)
        {
            Sender.Tell(message);
            return;
        }

        sink(message);
    }
}
