using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// How budgets are kept: the limits of each scope (a default per scope kind, overridden per scope
/// in configuration, both overridden at runtime by <c>PUT /api/budgets/{scope}</c>), the time zone
/// of calendar days and months, and how far the durable tallies may lag behind the live ones.
/// Every value is checked when it is set, naming the property and, for limits, the scope.
/// </summary>
public sealed record BudgetOptions
{
    /// <summary>The longest <see cref="PersistInterval"/>: tallies are at most one second behind the reports.</summary>
    public static readonly TimeSpan MaxPersistInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Limits per scope kind; a kind left out uses <see cref="BudgetLimits.DefaultFor"/>
    /// (<see cref="BudgetLimits.AgentDefault"/> for agents, none for global, node and model scopes).
    /// </summary>
    public IReadOnlyDictionary<BudgetScopeKind, BudgetLimits> Defaults
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Defaults));
            foreach (var (kind, limits) in value)
            {
                Check(limits, $"the default limits of {kind.ToString().ToLowerInvariant()} scopes", nameof(Defaults));
            }

            field = value;
        }
    } = new Dictionary<BudgetScopeKind, BudgetLimits>();

    /// <summary>Limits of individual scopes, over the defaults of their kind.</summary>
    public IReadOnlyDictionary<BudgetScope, BudgetLimits> Scopes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Scopes));
            foreach (var (scope, limits) in value)
            {
                if (scope.Name is null)
                {
                    throw new ArgumentException("A budget scope key is default(BudgetScope), not a parsed scope.", nameof(Scopes));
                }

                Check(limits, $"the limits of {scope}", nameof(Scopes));
            }

            field = value;
        }
    } = new Dictionary<BudgetScope, BudgetLimits>();

    /// <summary>Where calendar days and months start (default UTC).</summary>
    public TimeZoneInfo TimeZone
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(TimeZone));
            field = value;
            Periods = new CalendarPeriods(value);
        }
    } = TimeZoneInfo.Utc;

    /// <summary>
    /// How long a budget keeps reports in memory before it persists them as one event (0 &lt; interval
    /// ≤ 1 s; default 1 s). A crash loses at most this much accounting; a graceful stop loses none.
    /// </summary>
    public TimeSpan PersistInterval
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(PersistInterval));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPersistInterval, nameof(PersistInterval));
            field = value;
        }
    } = MaxPersistInterval;

    /// <summary>Events between snapshots of a budget; a snapshot bounds recovery and lets the journal be trimmed.</summary>
    public int SnapshotEvery
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(SnapshotEvery));
            field = value;
        }
    } = 100;

    /// <summary>The calendar of <see cref="TimeZone"/>.</summary>
    public CalendarPeriods Periods { get; private init; } = CalendarPeriods.Utc;

    /// <summary>The configured limits of <paramref name="scope"/> and where they come from.</summary>
    public (BudgetLimits Limits, BudgetLimitsSource Source) LimitsFor(BudgetScope scope) =>
        Scopes.TryGetValue(scope, out var own) ? (own, BudgetLimitsSource.Configuration)
        : Defaults.TryGetValue(scope.Kind, out var byKind) ? (byKind, BudgetLimitsSource.Default)
        : (BudgetLimits.DefaultFor(scope.Kind), BudgetLimitsSource.Default);

    private static void Check(BudgetLimits limits, string what, string property)
    {
        if (limits is null)
        {
            throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} are missing.", property);
        }

        var problems = BudgetLimitsRules.Problems(limits);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"{char.ToUpperInvariant(what[0])}{what[1..]} are invalid: {string.Join(" ", problems.Select(p => p.Message))}", property);
        }
    }
}
