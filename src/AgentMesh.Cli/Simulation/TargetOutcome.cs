namespace AgentMesh.Cli.Simulation;

/// <summary>A scenario target checked against the run: <c>value comparison bound</c>, met or not.</summary>
internal sealed record TargetOutcome(string Label, string Figure, string Comparison, double? Value, string Bound, double? BoundValue, bool Met);
