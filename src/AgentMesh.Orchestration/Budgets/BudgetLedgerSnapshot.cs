namespace AgentMesh.Orchestration.Budgets;

/// <summary>The state of a <see cref="BudgetLedger"/>, for persistence.</summary>
/// <param name="Scope">The scope in its text form (<c>agent:gpu-box</c>).</param>
/// <param name="Limits">The limits in force.</param>
/// <param name="LatestAt">The latest instant recorded, or <see langword="null"/> before the first record.</param>
/// <param name="Day">The calendar day of <paramref name="Today"/>.</param>
/// <param name="Today">Spent in <paramref name="Day"/>.</param>
/// <param name="Month">The calendar month of <paramref name="ThisMonth"/>.</param>
/// <param name="ThisMonth">Spent in <paramref name="Month"/>.</param>
/// <param name="LastMinute">The one-minute rolling window.</param>
/// <param name="LastHour">The one-hour rolling window.</param>
/// <param name="Last24Hours">The 24-hour rolling window.</param>
/// <param name="Velocity">Metered tokens over the velocity span.</param>
/// <param name="Spawns">Session spawns over the last hour.</param>
/// <param name="SoftAlerted">Limits whose soft threshold already alerted in their current period.</param>
/// <param name="HardAlerted">Limits whose hard limit already alerted in their current period.</param>
public sealed record BudgetLedgerSnapshot(
    string Scope,
    BudgetLimits Limits,
    DateTimeOffset? LatestAt,
    CalendarPeriod Day,
    UsageTally Today,
    CalendarPeriod Month,
    UsageTally ThisMonth,
    RollingWindowSnapshot<UsageTally> LastMinute,
    RollingWindowSnapshot<UsageTally> LastHour,
    RollingWindowSnapshot<UsageTally> Last24Hours,
    RollingWindowSnapshot<long> Velocity,
    RollingWindowSnapshot<long> Spawns,
    BudgetLimitKind[] SoftAlerted,
    BudgetLimitKind[] HardAlerted);
