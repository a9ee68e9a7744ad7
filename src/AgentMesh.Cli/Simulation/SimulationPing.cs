namespace AgentMesh.Cli.Simulation;

/// <summary>Asked of the simulation's own actors; the answer means everything they received before it was handled.</summary>
internal sealed record SimulationPing
{
    public static readonly SimulationPing Instance = new();

    private SimulationPing()
    {
    }
}
