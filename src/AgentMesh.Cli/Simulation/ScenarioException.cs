namespace AgentMesh.Cli.Simulation;

/// <summary>A scenario file that cannot be run; <see cref="Problems"/> names every bad field.</summary>
internal sealed class ScenarioException : Exception
{
    public ScenarioException(string source, IReadOnlyList<ScenarioProblem> problems)
        : base($"{source} is not a valid scenario:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "  " + p))}")
    {
        Problems = problems;
    }

    public ScenarioException()
        : this("the scenario", [])
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ScenarioProblem> Problems { get; }
}
