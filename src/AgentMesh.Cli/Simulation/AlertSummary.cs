namespace AgentMesh.Cli.Simulation;

/// <summary>An alert from the node's alert log, at its simulated time.</summary>
internal sealed record AlertSummary(double AtSeconds, string Severity, string Scope, string Kind, string Message);
