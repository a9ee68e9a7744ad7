using System.Globalization;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// A budget threshold crossed by a record. Values are in the limit's unit: tokens, US dollars,
/// tokens per minute (averaged over the velocity span) or spawns in the last hour.
/// </summary>
/// <param name="Scope">The budget scope.</param>
/// <param name="Limit">Which limit.</param>
/// <param name="Severity">Soft threshold reached, or hard limit exceeded.</param>
/// <param name="Value">The value after the record.</param>
/// <param name="Threshold">The threshold crossed: the soft threshold or the limit itself.</param>
/// <param name="LimitValue">The configured limit.</param>
/// <param name="At">When.</param>
/// <param name="IsNew">
/// True the first time this threshold is crossed in its period, which is when to alert. Soft
/// crossings are only ever reported new. A hard crossing is reported again on every later record
/// while the value stays above the limit, with <c>IsNew</c> false, so that every agent that adds
/// to an exhausted budget is stopped, while the alert is raised once.
/// </param>
public sealed record BudgetCrossing(
    BudgetScope Scope,
    BudgetLimitKind Limit,
    BudgetSeverity Severity,
    decimal Value,
    decimal Threshold,
    decimal LimitValue,
    DateTimeOffset At,
    bool IsNew)
{
    /// <summary>A one-line description for alerts and logs.</summary>
    public string Describe()
    {
        var (what, unit) = Limit switch
        {
            BudgetLimitKind.TokensPerDay => ("tokens today", "tokens"),
            BudgetLimitKind.TokensPerMonth => ("tokens this month", "tokens"),
            BudgetLimitKind.CostPerDay => ("cost today", "USD"),
            BudgetLimitKind.CostPerMonth => ("cost this month", "USD"),
            BudgetLimitKind.TokenVelocity => ("token velocity", "tokens/min"),
            BudgetLimitKind.SpawnsPerHour => ("session spawns in the last hour", "spawns"),
            _ => (Limit.ToString(), string.Empty),
        };
        var comparison = Severity == BudgetSeverity.Soft
            ? $"reached the soft threshold {Format(Threshold)} of the limit {Format(LimitValue)}"
            : $"exceeded the limit {Format(LimitValue)}";
        return $"{Scope}: {what} {Format(Value)} {unit} {comparison}";
    }

    private static string Format(decimal value) =>
        decimal.Round(value, 2).ToString("#,0.##", CultureInfo.InvariantCulture);
}
