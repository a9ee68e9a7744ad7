namespace AgentMesh.Cli.Simulation;

/// <summary>Each successful turn at depth d &lt; <see cref="MaxDepth"/> sends <see cref="PerTurn"/> sub-tasks, each in a session key of its own.</summary>
internal sealed record ScenarioSubagents(int PerTurn, int MaxDepth);
