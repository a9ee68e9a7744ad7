namespace AgentMesh.Node.Configuration;

/// <summary>What reading the configuration found: the options when nothing is wrong, every problem otherwise, and warnings either way.</summary>
public sealed record ConfigurationReport(
    AgentMeshOptions? Options,
    IReadOnlyList<ConfigurationProblem> Problems,
    IReadOnlyList<string> Warnings)
{
    public bool IsValid => Problems.Count == 0 && Options is not null;
}
