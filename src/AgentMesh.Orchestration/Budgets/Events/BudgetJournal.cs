using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Budgets.Events;

/// <summary>
/// The stable manifest names of the budgets' and the budget directory's events and snapshots. A
/// node registers them beside the agents' (<c>AgentJournal.Register</c>) and the alerts'
/// (<c>AlertJournal.Register</c>). A manifest never changes once released.
/// </summary>
public static class BudgetJournal
{
    public static EventManifestRegistry Register(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = BudgetJournalContext.Default;
        return registry
            .Register("budget.usage-tallied.v1", json.BudgetUsageTallied)
            .Register("budget.limits-set.v1", json.BudgetLimitsSet)
            .Register("budget.limits-configured.v1", json.BudgetLimitsConfigured)
            .Register("budget.snapshot.v1", json.BudgetSnapshot)
            .Register("budget-directory.scope-registered.v1", json.BudgetScopeRegistered)
            .Register("budget-directory.snapshot.v1", json.BudgetDirectorySnapshot);
    }
}
