using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets.Messages;

/// <summary>
/// Tokens spent by agent <paramref name="AgentId"/>, for the budget of <paramref name="Scope"/>. A
/// <paramref name="Spawn"/> is a session load: it counts as a spawn and its context tokens as input.
/// <paramref name="Priced"/> is false when the model has no price: tokens are tallied, cost is not.
/// </summary>
public sealed record RecordBudgetUsage(
    BudgetScope Scope,
    string AgentId,
    UsageTally Usage,
    bool Spawn,
    bool Priced,
    DateTimeOffset At) : IEntityMessage
{
    public string EntityId => Scope.ToString();
}
