using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Budget limits as an operator writes them (the body of <c>PUT /api/budgets/{scope}</c>, or a
/// configuration section), unchecked: every field optional, <see langword="null"/> meaning no limit
/// of that kind (or the default, for <see cref="VelocitySpan"/> and <see cref="SoftFraction"/>).
/// <see cref="TryBuild"/> checks all fields at once and names each bad one.
/// </summary>
public sealed record BudgetLimitsInput
{
    public long? TokensPerDay { get; init; }

    public long? TokensPerMonth { get; init; }

    public decimal? CostPerDayUsd { get; init; }

    public decimal? CostPerMonthUsd { get; init; }

    public long? TokensPerMinute { get; init; }

    public TimeSpan? VelocitySpan { get; init; }

    public int? SpawnsPerHour { get; init; }

    public decimal? SoftFraction { get; init; }

    public static BudgetLimitsInput From(BudgetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new BudgetLimitsInput
        {
            TokensPerDay = limits.TokensPerDay,
            TokensPerMonth = limits.TokensPerMonth,
            CostPerDayUsd = limits.CostPerDayUsd,
            CostPerMonthUsd = limits.CostPerMonthUsd,
            TokensPerMinute = limits.TokensPerMinute,
            VelocitySpan = limits.VelocitySpan,
            SpawnsPerHour = limits.SpawnsPerHour,
            SoftFraction = limits.SoftFraction,
        };
    }

    /// <summary>
    /// The limits, or every problem found: each field's range (positive limits, a velocity span of
    /// 1 minute to 1 hour, a soft fraction above 0 and at most 1), then <see cref="BudgetLimitsRules"/>.
    /// </summary>
    public bool TryBuild([NotNullWhen(true)] out BudgetLimits? limits, out IReadOnlyList<BudgetLimitProblem> problems)
    {
        var found = new List<BudgetLimitProblem>();
        Positive(TokensPerDay, "tokensPerDay", found);
        Positive(TokensPerMonth, "tokensPerMonth", found);
        Positive(CostPerDayUsd, "costPerDayUsd", found);
        Positive(CostPerMonthUsd, "costPerMonthUsd", found);
        Positive(TokensPerMinute, "tokensPerMinute", found);
        Positive(SpawnsPerHour, "spawnsPerHour", found);
        if (VelocitySpan is { } span && (span < BudgetLimits.MinVelocitySpan || span > BudgetLimits.MaxVelocitySpan))
        {
            found.Add(new BudgetLimitProblem(
                "velocitySpan",
                Invariant($"velocitySpan must be between {BudgetLimits.MinVelocitySpan} and {BudgetLimits.MaxVelocitySpan}; got {span}.")));
        }

        if (SoftFraction is { } soft && (soft <= 0m || soft > 1m))
        {
            found.Add(new BudgetLimitProblem("softFraction", Invariant($"softFraction must be above 0 and at most 1; got {soft}.")));
        }

        if (found.Count > 0)
        {
            limits = null;
            problems = found;
            return false;
        }

        var built = new BudgetLimits
        {
            TokensPerDay = TokensPerDay,
            TokensPerMonth = TokensPerMonth,
            CostPerDayUsd = CostPerDayUsd,
            CostPerMonthUsd = CostPerMonthUsd,
            TokensPerMinute = TokensPerMinute,
            SpawnsPerHour = SpawnsPerHour,
        };
        built = VelocitySpan is { } velocitySpan ? built with { VelocitySpan = velocitySpan } : built;
        built = SoftFraction is { } softFraction ? built with { SoftFraction = softFraction } : built;
        problems = BudgetLimitsRules.Problems(built);
        limits = problems.Count == 0 ? built : null;
        return limits is not null;
    }

    private static void Positive<T>(T? value, string field, List<BudgetLimitProblem> problems)
        where T : struct, IComparable<T>
    {
        if (value is { } v && v.CompareTo(default) <= 0)
        {
            problems.Add(new BudgetLimitProblem(field, Invariant($"{field} must be positive, or left out for no limit; got {v}.")));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
