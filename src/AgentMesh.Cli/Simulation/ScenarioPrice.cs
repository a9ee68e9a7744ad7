namespace AgentMesh.Cli.Simulation;

/// <summary>A price added to (or replacing one in) the price table, USD per million tokens.</summary>
internal sealed record ScenarioPrice(string Model, decimal Input, decimal CachedInput, decimal Output);
