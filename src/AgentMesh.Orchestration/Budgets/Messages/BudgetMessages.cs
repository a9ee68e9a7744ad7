using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets.Messages;

// What the admin API (GET, PUT and DELETE /api/budgets) and the node tell a budget scope's actor through
// the budgets region, and what it answers. Grouped as one contract.

/// <summary>
/// Puts <paramref name="Limits"/> in force for <paramref name="Scope"/>, over configuration, durably:
/// answered with <see cref="BudgetLimitsUpdated"/> once persisted, or <see cref="BudgetLimitsRejected"/>.
/// New limits re-arm every alert of the scope; what is already crossed under them alerts at once.
/// </summary>
public sealed record SetBudgetLimits(BudgetScope Scope, BudgetLimits Limits) : IEntityMessage
{
    public string EntityId => Scope.ToString();
}

/// <summary>
/// Hands <paramref name="Scope"/> back to configuration: the limits an operator set at runtime are
/// dropped, and the scope's configured limits (its own entry, or its kind's defaults) are in force
/// again, durably, also across restarts. Answered with <see cref="BudgetLimitsUpdated"/> once persisted;
/// for a scope that has no runtime limits it changes nothing but answers the same way. What the
/// configured limits already cross alerts at once.
/// </summary>
public sealed record ResetBudgetLimits(BudgetScope Scope) : IEntityMessage
{
    public string EntityId => Scope.ToString();
}

/// <summary>The limits are in force and durable.</summary>
public sealed record BudgetLimitsUpdated(BudgetView View);

/// <summary>The limits were refused; nothing changed.</summary>
public sealed record BudgetLimitsRejected(string Scope, IReadOnlyList<BudgetLimitProblem> Problems);

/// <summary>Asks for the scope's <see cref="BudgetView"/>. A scope never used answers its configured limits and no spend.</summary>
public sealed record GetBudgetView(BudgetScope Scope) : IEntityMessage
{
    public string EntityId => Scope.ToString();
}

/// <summary>
/// One budget scope as of <paramref name="At"/>: the limits in force and where they come from, the
/// spend per window (tokens in, cached and out, and cost; last minute, hour and 24 hours; today and
/// this month in the configured time zone), velocity and spawns, and the limits now above their hard value.
/// </summary>
public sealed record BudgetView(
    string Scope,
    BudgetLimits Limits,
    BudgetLimitsSource LimitsSource,
    BudgetSpend Spend,
    IReadOnlyList<BudgetLimitKind> Exceeded,
    DateTimeOffset At);

/// <summary>Persists the reports the scope holds in memory now; answered with <see cref="BudgetFlushed"/> once durable.</summary>
public sealed record FlushBudget(BudgetScope Scope) : IEntityMessage
{
    public string EntityId => Scope.ToString();
}

/// <summary>Everything reported before the <see cref="FlushBudget"/> is durable, up to <paramref name="SequenceNr"/>.</summary>
public sealed record BudgetFlushed(string Scope, long SequenceNr);

/// <summary>Told to the budget directory by a scope's actor on its first report or limits of an incarnation.</summary>
public sealed record RegisterBudgetScope(BudgetScope Scope);

/// <summary>Asks the budget directory for every scope ever used or configured; answered with <see cref="BudgetScopes"/>.</summary>
public sealed record GetBudgetScopes
{
    public static readonly GetBudgetScopes Instance = new();

    private GetBudgetScopes()
    {
    }
}

/// <summary>Every budget scope ever used or set, and those with limits in configuration, in ordinal order of their text.</summary>
public sealed record BudgetScopes(IReadOnlyList<string> Scopes);
