namespace AgentMesh.Cli.Simulation;

internal enum TrafficEventKind
{
    LinkUp,
    LinkDown,
    Send,
}
