using AgentMesh.Orchestration.Agents.Frames;

namespace AgentMesh.Cli.Simulation;

/// <summary>A model call in progress in a simulated agent: it completes after the agent's turn time unless its session is stopped first.</summary>
internal sealed class SimulatedTurn(DeliverFrame frame, bool fresh, ScenarioFailure? failure)
{
    public DeliverFrame Frame { get; } = frame;

    /// <summary>The first turn of its session (the context was just loaded, nothing is cached yet).</summary>
    public bool Fresh { get; } = fresh;

    public ScenarioFailure? Failure { get; } = failure;

    /// <summary>Set when the node stopped the session or suspended the agent: the call is abandoned.</summary>
    public bool Cancelled { get; set; }
}
