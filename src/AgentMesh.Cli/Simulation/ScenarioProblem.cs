namespace AgentMesh.Cli.Simulation;

/// <summary>One bad field of a scenario file: its JSON path (<c>$.agents[1].contextTokens</c>) and what is wrong.</summary>
internal sealed record ScenarioProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
