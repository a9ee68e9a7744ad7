using System.Globalization;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Checks across the fields of <see cref="BudgetLimits"/> (each field checks its own range when
/// set). A daily limit above the monthly one of the same unit can never be the limit that stops
/// spending, so it is refused as the mistake it almost always is.
/// </summary>
public static class BudgetLimitsRules
{
    public static IReadOnlyList<BudgetLimitProblem> Problems(BudgetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        List<BudgetLimitProblem>? problems = null;
        if (limits is { TokensPerDay: { } tokensPerDay, TokensPerMonth: { } tokensPerMonth } && tokensPerDay > tokensPerMonth)
        {
            (problems ??= []).Add(new BudgetLimitProblem(
                "tokensPerDay",
                string.Create(CultureInfo.InvariantCulture, $"tokensPerDay ({tokensPerDay:N0}) is above tokensPerMonth ({tokensPerMonth:N0}); a daily limit must not exceed the monthly one.")));
        }

        if (limits is { CostPerDayUsd: { } costPerDay, CostPerMonthUsd: { } costPerMonth } && costPerDay > costPerMonth)
        {
            (problems ??= []).Add(new BudgetLimitProblem(
                "costPerDayUsd",
                string.Create(CultureInfo.InvariantCulture, $"costPerDayUsd ({costPerDay}) is above costPerMonthUsd ({costPerMonth}); a daily limit must not exceed the monthly one.")));
        }

        return problems ?? (IReadOnlyList<BudgetLimitProblem>)[];
    }
}
