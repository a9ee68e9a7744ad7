using AgentMesh.Actors;
using AgentMesh.Orchestration.Budgets;

namespace AgentMesh.Node.Domain;

/// <summary>
/// The domain's entry points on this node, filled in by <see cref="DomainSetup"/> once the actor
/// system and the store are up: the agents' shard region, the agent directory, and the budgets with the alert log. The link and the
/// admin API talk to the domain through these refs only.
/// </summary>
public sealed class NodeDomain
{
    private IActorRef? _agents;
    private IActorRef? _directory;
    private BudgetAccounting? _budgets;

    public IActorRef Agents => _agents ?? throw NotStarted();

    public IActorRef Directory => _directory ?? throw NotStarted();

    /// <summary>The budgets' region and directory, the alert log and the webhook.</summary>
    public BudgetAccounting Budgets => _budgets ?? throw NotStarted();

    public bool IsStarted => _agents is not null;

    internal void Started(IActorRef agents, IActorRef directory, BudgetAccounting budgets)
    {
        _agents = agents;
        _directory = directory;
        _budgets = budgets;
    }

    private static InvalidOperationException NotStarted() =>
        new("The node's domain has not started yet (the actor system setup has not run).");
}
