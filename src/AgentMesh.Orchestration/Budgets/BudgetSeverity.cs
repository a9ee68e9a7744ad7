namespace AgentMesh.Orchestration.Budgets;

public enum BudgetSeverity
{
    /// <summary>The soft threshold (a fraction of the limit) was reached: an alert.</summary>
    Soft,

    /// <summary>The limit was exceeded: the offending agent's sessions stop, it is suspended, and an alert is raised.</summary>
    Hard,
}
