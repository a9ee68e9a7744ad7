using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// The limits of one budget scope; <see langword="null"/> means no limit of that kind. Token
/// limits count metered tokens (<see cref="UsageTally.MeteredTokens"/>). A limit is crossed when
/// the value goes above it; the soft threshold, <see cref="SoftFraction"/> of it, when the value
/// reaches it. docs/budgets.md gives the reasoning behind <see cref="AgentDefault"/>.
/// </summary>
public sealed record BudgetLimits
{
    public static readonly TimeSpan MinVelocitySpan = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxVelocitySpan = TimeSpan.FromHours(1);

    /// <summary>No limits: the default for <c>global</c>, <c>node:</c> and <c>model:</c> scopes until an operator sets some.</summary>
    public static BudgetLimits Unlimited { get; } = new();

    /// <summary>
    /// The default for <c>agent:</c> scopes. It stops the field incident's loop (an 80K-token
    /// session every ~10 s) within 3 minutes and about 1.5M input tokens, and leaves a normal day
    /// (20 sessions of 80K context over 10 hours, bursts of 30 quick turns) without any alert; a
    /// 2-minute batch raises nothing below 1.2M tokens and is stopped only above 1.5M.
    /// </summary>
    public static BudgetLimits AgentDefault { get; } = new()
    {
        TokensPerDay = 10_000_000,
        TokensPerMonth = 200_000_000,
        CostPerDayUsd = 50m,
        CostPerMonthUsd = 1_000m,
        TokensPerMinute = 300_000,
        SpawnsPerHour = 20,
    };

    public long? TokensPerDay
    {
        get;
        init => field = Positive(value, nameof(TokensPerDay));
    }

    public long? TokensPerMonth
    {
        get;
        init => field = Positive(value, nameof(TokensPerMonth));
    }

    public decimal? CostPerDayUsd
    {
        get;
        init => field = Positive(value, nameof(CostPerDayUsd));
    }

    public decimal? CostPerMonthUsd
    {
        get;
        init => field = Positive(value, nameof(CostPerMonthUsd));
    }

    /// <summary>Token velocity: metered tokens per minute, averaged over <see cref="VelocitySpan"/>.</summary>
    public long? TokensPerMinute
    {
        get;
        init => field = Positive(value, nameof(TokensPerMinute));
    }

    /// <summary>
    /// The span token velocity is averaged over (1 minute to 1 hour; default 5 minutes), so that a
    /// short burst counts only for its share of the span: a 2-minute batch at 700K tokens/min is
    /// 280K tokens/min over 5 minutes.
    /// </summary>
    public TimeSpan VelocitySpan
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinVelocitySpan, nameof(VelocitySpan));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxVelocitySpan, nameof(VelocitySpan));
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    public int? SpawnsPerHour
    {
        get;
        init => field = Positive(value, nameof(SpawnsPerHour));
    }

    /// <summary>The soft threshold as a fraction of each limit: above 0, at most 1 (default 0.8).</summary>
    public decimal SoftFraction
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, 0m, nameof(SoftFraction));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1m, nameof(SoftFraction));
            field = value;
        }
    } = 0.8m;

    public static BudgetLimits DefaultFor(BudgetScopeKind kind) => kind == BudgetScopeKind.Agent ? AgentDefault : Unlimited;

    /// <summary>The configured limit of <paramref name="kind"/>, in its unit (tokens, USD, tokens/min, spawns).</summary>
    public decimal? LimitOf(BudgetLimitKind kind) => kind switch
    {
        BudgetLimitKind.TokensPerDay => TokensPerDay,
        BudgetLimitKind.TokensPerMonth => TokensPerMonth,
        BudgetLimitKind.CostPerDay => CostPerDayUsd,
        BudgetLimitKind.CostPerMonth => CostPerMonthUsd,
        BudgetLimitKind.TokenVelocity => TokensPerMinute,
        BudgetLimitKind.SpawnsPerHour => SpawnsPerHour,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a budget limit kind."),
    };

    private static T? Positive<T>(T? value, string name)
        where T : struct, IComparable<T>
    {
        if (value is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(v, default, name);
        }

        return value;
    }
}
