namespace AgentMesh.Orchestration.Budgets;

/// <summary>The limits a budget scope can have.</summary>
public enum BudgetLimitKind
{
    /// <summary>Metered tokens in the calendar day.</summary>
    TokensPerDay,

    /// <summary>Metered tokens in the calendar month.</summary>
    TokensPerMonth,

    /// <summary>US dollars in the calendar day.</summary>
    CostPerDay,

    /// <summary>US dollars in the calendar month.</summary>
    CostPerMonth,

    /// <summary>Metered tokens per minute, averaged over the velocity span.</summary>
    TokenVelocity,

    /// <summary>Session spawns in the last hour.</summary>
    SpawnsPerHour,
}
