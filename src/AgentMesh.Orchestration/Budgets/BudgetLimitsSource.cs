namespace AgentMesh.Orchestration.Budgets;

/// <summary>Where the limits in force for a budget scope come from.</summary>
public enum BudgetLimitsSource
{
    /// <summary>The default for the scope's kind (<see cref="BudgetOptions.Defaults"/>).</summary>
    Default,

    /// <summary>The scope's own entry in configuration (<see cref="BudgetOptions.Scopes"/>).</summary>
    Configuration,

    /// <summary>Set at runtime (<c>PUT /api/budgets/{scope}</c>) and persisted; wins over configuration until set again.</summary>
    Runtime,
}
