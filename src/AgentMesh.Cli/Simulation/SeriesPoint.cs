namespace AgentMesh.Cli.Simulation;

/// <summary>Cumulative tokens of one run at <see cref="Seconds"/> of simulated time.</summary>
internal sealed record SeriesPoint(double Seconds, long InputTokens, long CachedInputTokens, long OutputTokens);
