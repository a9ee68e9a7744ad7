using AgentMesh.Orchestration.Budgets.Messages;

namespace AgentMesh.Orchestration.Budgets.Events;

// The facts a budget scope's actor persists. Reports are tallied live and persisted in batches
// (BudgetOptions.PersistInterval), so one BudgetUsageTallied stands for many RecordBudgetUsage.

/// <summary>An event of a budget scope's journal.</summary>
public interface IBudgetEvent;

/// <summary>
/// The reports of one second, added up: their usage, the session spawns among them, and the latest
/// instant reported. Replayed as one record at <paramref name="At"/>, which lands in the same
/// buckets of every window (they are whole seconds wide) and the same calendar day.
/// </summary>
public sealed record BudgetUsageSlice(DateTimeOffset At, UsageTally Usage, int Spawns);

/// <summary>The reports received since the previous batch, in the order they were tallied, one slice per second.</summary>
public sealed record BudgetUsageTallied(IReadOnlyList<BudgetUsageSlice> Slices) : IBudgetEvent;

/// <summary>An operator set the scope's limits (<see cref="SetBudgetLimits"/>); they win over configuration from now on.</summary>
public sealed record BudgetLimitsSet(BudgetLimits Limits, DateTimeOffset At) : IBudgetEvent;

/// <summary>
/// The limits configuration gives the scope came into force: on its first batch, or at a start after
/// configuration changed (while no runtime limits are set). Persisted so a replay applies every report
/// under the limits in force when it was tallied, and alerts raised under them are not raised again.
/// </summary>
public sealed record BudgetLimitsConfigured(BudgetLimits Limits, DateTimeOffset At) : IBudgetEvent;

/// <summary>The state of a budget scope's actor: its ledger, and whether its limits were set at runtime.</summary>
public sealed record BudgetSnapshot(BudgetLedgerSnapshot Ledger, bool LimitsSetAtRuntime);

/// <summary>The directory learned of a budget scope (its first report or limits).</summary>
public sealed record BudgetScopeRegistered(string Scope, DateTimeOffset At);

/// <summary>The state of the budget directory: every scope ever registered.</summary>
public sealed record BudgetDirectorySnapshot(IReadOnlyList<string> Scopes);
