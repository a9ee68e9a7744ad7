using AgentMesh.Actors;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>The actors a budget scope's actor tells: the agents' region (to suspend) and the budget directory (to be listed).</summary>
public sealed record BudgetPeers(IActorRef Agents, IActorRef Directory);
