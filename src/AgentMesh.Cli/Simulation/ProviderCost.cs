namespace AgentMesh.Cli.Simulation;

/// <summary>What a run's tokens cost at one model's list price.</summary>
internal sealed record ProviderCost(string Model, decimal Usd);
