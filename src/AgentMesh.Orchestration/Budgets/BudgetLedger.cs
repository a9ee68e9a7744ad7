using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// The spend of one budget scope and the thresholds it crossed. <see cref="Record(UsageTally, DateTimeOffset)"/> and
/// <see cref="RecordSpawn(long, DateTimeOffset)"/> add to the calendar tallies (day and month in
/// the configured time zone) and the rolling windows, then answer the crossings that happened.
/// </summary>
/// <remarks>
/// <para>Alerts: each limit's soft threshold is reported once per period, and its hard limit is
/// reported new (<see cref="BudgetCrossing.IsNew"/>) once per period and again, not new, on every
/// record while above it. The period is the calendar month for monthly limits and the calendar
/// day for the others (the rolling ones included, so a loop that is stopped and resumed does not
/// re-alert all day). <see cref="SetLimits"/> re-arms every alert.</para>
/// <para>Single-threaded (owned by the scope's budget actor). A record costs a handful of
/// additions and comparisons and allocates only when it crosses something. Time never runs
/// backwards here: an earlier <c>now</c> is taken as the latest seen.</para>
/// </remarks>
public sealed class BudgetLedger
{
    private const int VelocityBuckets = 30;
    private static readonly BudgetLimitKind[] Kinds = Enum.GetValues<BudgetLimitKind>();

    private readonly CalendarPeriods _periods;
    private readonly RollingWindow<UsageTally> _lastMinute;
    private readonly RollingWindow<UsageTally> _lastHour;
    private readonly RollingWindow<UsageTally> _last24Hours;
    private readonly RollingWindow<long> _spawns;
    private RollingWindow<long> _velocity;
    private long _latestTicks = long.MinValue;
    private CalendarPeriod _day;
    private CalendarPeriod _month;
    private UsageTally _today;
    private UsageTally _thisMonth;

    // One bit per BudgetLimitKind: alerted in the current period.
    private int _softAlerted;
    private int _hardAlerted;

    public BudgetLedger(BudgetScope scope, BudgetLimits limits, CalendarPeriods? periods = null)
        : this(
            scope,
            limits,
            periods ?? CalendarPeriods.Utc,
            new RollingWindow<UsageTally>(TimeSpan.FromSeconds(10), 6),
            new RollingWindow<UsageTally>(TimeSpan.FromMinutes(1), 60),
            new RollingWindow<UsageTally>(TimeSpan.FromMinutes(10), 144),
            VelocityWindow(limits ?? throw new ArgumentNullException(nameof(limits))),
            new RollingWindow<long>(TimeSpan.FromMinutes(1), 60))
    {
    }

    private BudgetLedger(
        BudgetScope scope,
        BudgetLimits limits,
        CalendarPeriods periods,
        RollingWindow<UsageTally> lastMinute,
        RollingWindow<UsageTally> lastHour,
        RollingWindow<UsageTally> last24Hours,
        RollingWindow<long> velocity,
        RollingWindow<long> spawns)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Scope = scope;
        Limits = limits;
        _periods = periods;
        _lastMinute = lastMinute;
        _lastHour = lastHour;
        _last24Hours = last24Hours;
        _velocity = velocity;
        _spawns = spawns;
    }

    public BudgetScope Scope { get; }

    public BudgetLimits Limits { get; private set; }

    /// <exception cref="ArgumentException">The snapshot's scope is not a budget scope.</exception>
    public static BudgetLedger Restore(BudgetLedgerSnapshot snapshot, CalendarPeriods? periods = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var velocity = snapshot.Velocity.BucketWidth * snapshot.Velocity.Buckets.Length == snapshot.Limits.VelocitySpan
            ? RollingWindow<long>.Restore(snapshot.Velocity)
            : VelocityWindow(snapshot.Limits);
        return new BudgetLedger(
            new BudgetScope(snapshot.Scope),
            snapshot.Limits,
            periods ?? CalendarPeriods.Utc,
            RollingWindow<UsageTally>.Restore(snapshot.LastMinute),
            RollingWindow<UsageTally>.Restore(snapshot.LastHour),
            RollingWindow<UsageTally>.Restore(snapshot.Last24Hours),
            velocity,
            RollingWindow<long>.Restore(snapshot.Spawns))
        {
            _latestTicks = snapshot.LatestAt?.UtcTicks ?? long.MinValue,
            _day = snapshot.Day,
            _today = snapshot.Today,
            _month = snapshot.Month,
            _thisMonth = snapshot.ThisMonth,
            _softAlerted = Mask(snapshot.SoftAlerted),
            _hardAlerted = Mask(snapshot.HardAlerted),
        };
    }

    /// <summary>Adds the usage of one model call (priced by the caller) and answers the crossings.</summary>
    public IReadOnlyList<BudgetCrossing> Record(UsageTally usage, DateTimeOffset now)
    {
        var at = Advance(now);
        Add(usage, at);
        return Check(at);
    }

    /// <summary>
    /// Adds a session spawn whose fresh context of <paramref name="contextTokens"/> counts as
    /// input tokens (unpriced: a spawn does not say which model loads it).
    /// </summary>
    public IReadOnlyList<BudgetCrossing> RecordSpawn(long contextTokens, DateTimeOffset now) =>
        RecordSpawn(new UsageTally(contextTokens, 0, 0, 0m), now);

    /// <summary>Adds a session spawn with the usage of loading its context, priced when the caller knows the model.</summary>
    public IReadOnlyList<BudgetCrossing> RecordSpawn(UsageTally context, DateTimeOffset now)
    {
        var at = Advance(now);
        Add(context, at);
        _spawns.Add(at, 1);
        return Check(at);
    }

    /// <summary>
    /// Adds an aggregate of several records made within one instant's buckets: their usage and
    /// the number of session spawns among them. A budget replays its batched journal this way.
    /// </summary>
    public IReadOnlyList<BudgetCrossing> Record(UsageTally usage, int spawns, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spawns);
        var at = Advance(now);
        Add(usage, at);
        if (spawns > 0)
        {
            _spawns.Add(at, spawns);
        }

        return Check(at);
    }

    /// <summary>
    /// Puts new limits in force, re-arms every alert, and answers what is crossed under them at
    /// <paramref name="now"/>. A new velocity span starts the velocity window afresh.
    /// </summary>
    public IReadOnlyList<BudgetCrossing> SetLimits(BudgetLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.VelocitySpan != Limits.VelocitySpan)
        {
            _velocity = VelocityWindow(limits);
        }

        Limits = limits;
        _softAlerted = 0;
        _hardAlerted = 0;
        return Check(Advance(now));
    }

    public BudgetSpend Spend(DateTimeOffset now)
    {
        var at = Advance(now);
        return new BudgetSpend(
            _day,
            _today,
            _month,
            _thisMonth,
            _lastMinute.Sum(at),
            _lastHour.Sum(at),
            _last24Hours.Sum(at),
            TokensPerMinute(at),
            _spawns.Sum(at));
    }

    /// <summary>The limits above their hard value at <paramref name="now"/>, for a resume decision; not new.</summary>
    public IReadOnlyList<BudgetCrossing> Exceeded(DateTimeOffset now)
    {
        var at = Advance(now);
        List<BudgetCrossing>? exceeded = null;
        foreach (var kind in Kinds)
        {
            if (Limits.LimitOf(kind) is not { } limit)
            {
                continue;
            }

            var value = ValueOf(kind, at);
            if (value > limit)
            {
                (exceeded ??= []).Add(new BudgetCrossing(Scope, kind, BudgetSeverity.Hard, value, limit, limit, at, false));
            }
        }

        return exceeded ?? (IReadOnlyList<BudgetCrossing>)[];
    }

    public BudgetLedgerSnapshot ToSnapshot() => new(
        Scope.ToString(),
        Limits,
        _latestTicks == long.MinValue ? null : new DateTimeOffset(_latestTicks, TimeSpan.Zero),
        _day,
        _today,
        _month,
        _thisMonth,
        _lastMinute.ToSnapshot(),
        _lastHour.ToSnapshot(),
        _last24Hours.ToSnapshot(),
        _velocity.ToSnapshot(),
        _spawns.ToSnapshot(),
        Kinds.Where(k => (_softAlerted & Bit(k)) != 0).ToArray(),
        Kinds.Where(k => (_hardAlerted & Bit(k)) != 0).ToArray());

    private static RollingWindow<long> VelocityWindow(BudgetLimits limits) =>
        new(limits.VelocitySpan / VelocityBuckets, VelocityBuckets);

    private static bool IsMonthly(BudgetLimitKind kind) =>
        kind is BudgetLimitKind.TokensPerMonth or BudgetLimitKind.CostPerMonth;

    private static int Bit(BudgetLimitKind kind) => 1 << (int)kind;

    private static int Mask(BudgetLimitKind[] kinds) => kinds.Aggregate(0, (mask, kind) => mask | Bit(kind));

    /// <summary>Moves time to <paramref name="now"/> (never back) and starts new calendar periods when it leaves the current ones.</summary>
    private DateTimeOffset Advance(DateTimeOffset now)
    {
        _latestTicks = Math.Max(_latestTicks, now.UtcTicks);
        var at = new DateTimeOffset(_latestTicks, TimeSpan.Zero);
        if (!_day.Contains(at))
        {
            _day = _periods.DayOf(at);
            _today = default;
            ClearAlerts(monthly: false);
        }

        if (!_month.Contains(at))
        {
            _month = _periods.MonthOf(at);
            _thisMonth = default;
            ClearAlerts(monthly: true);
        }

        return at;
    }

    private void ClearAlerts(bool monthly)
    {
        foreach (var kind in Kinds)
        {
            if (IsMonthly(kind) == monthly)
            {
                _softAlerted &= ~Bit(kind);
                _hardAlerted &= ~Bit(kind);
            }
        }
    }

    private void Add(UsageTally usage, DateTimeOffset at)
    {
        _today += usage;
        _thisMonth += usage;
        _lastMinute.Add(at, usage);
        _lastHour.Add(at, usage);
        _last24Hours.Add(at, usage);
        _velocity.Add(at, usage.MeteredTokens);
    }

    private IReadOnlyList<BudgetCrossing> Check(DateTimeOffset at)
    {
        List<BudgetCrossing>? crossings = null;
        foreach (var kind in Kinds)
        {
            if (Limits.LimitOf(kind) is not { } limit)
            {
                continue;
            }

            var value = ValueOf(kind, at);
            var soft = limit * Limits.SoftFraction;
            if (value >= soft && (_softAlerted & Bit(kind)) == 0)
            {
                _softAlerted |= Bit(kind);
                (crossings ??= []).Add(new BudgetCrossing(Scope, kind, BudgetSeverity.Soft, value, soft, limit, at, true));
            }

            if (value > limit)
            {
                var isNew = (_hardAlerted & Bit(kind)) == 0;
                _hardAlerted |= Bit(kind);
                (crossings ??= []).Add(new BudgetCrossing(Scope, kind, BudgetSeverity.Hard, value, limit, limit, at, isNew));
            }
        }

        return crossings ?? (IReadOnlyList<BudgetCrossing>)[];
    }

    private decimal ValueOf(BudgetLimitKind kind, DateTimeOffset at) => kind switch
    {
        BudgetLimitKind.TokensPerDay => _today.MeteredTokens,
        BudgetLimitKind.TokensPerMonth => _thisMonth.MeteredTokens,
        BudgetLimitKind.CostPerDay => _today.CostUsd,
        BudgetLimitKind.CostPerMonth => _thisMonth.CostUsd,
        BudgetLimitKind.TokenVelocity => TokensPerMinute(at),
        BudgetLimitKind.SpawnsPerHour => _spawns.Sum(at),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a budget limit kind."),
    };

    private decimal TokensPerMinute(DateTimeOffset at) =>
        _velocity.Sum(at) / (decimal)Limits.VelocitySpan.TotalMinutes;
}
