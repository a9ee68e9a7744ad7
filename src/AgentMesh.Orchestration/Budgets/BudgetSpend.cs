namespace AgentMesh.Orchestration.Budgets;

/// <summary>What a budget scope has spent, as of one instant: the figures <c>GET /api/budgets</c> shows.</summary>
/// <param name="Day">The current calendar day.</param>
/// <param name="Today">Spent in <paramref name="Day"/>.</param>
/// <param name="Month">The current calendar month.</param>
/// <param name="ThisMonth">Spent in <paramref name="Month"/>.</param>
/// <param name="LastMinute">Spent in the last minute (10-second buckets).</param>
/// <param name="LastHour">Spent in the last hour (1-minute buckets).</param>
/// <param name="Last24Hours">Spent in the last 24 hours (10-minute buckets).</param>
/// <param name="TokensPerMinute">Metered tokens per minute, averaged over the velocity span.</param>
/// <param name="SpawnsLastHour">Session spawns in the last hour (1-minute buckets).</param>
public sealed record BudgetSpend(
    CalendarPeriod Day,
    UsageTally Today,
    CalendarPeriod Month,
    UsageTally ThisMonth,
    UsageTally LastMinute,
    UsageTally LastHour,
    UsageTally Last24Hours,
    decimal TokensPerMinute,
    long SpawnsLastHour);
