using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Budgets.Messages;

namespace AgentMesh.Orchestration.Budgets;

public sealed partial class BudgetActor
{
    // Reports tallied since the last batch: closed slices, and the open one of the latest second.
    // Kept as plain fields so a report allocates nothing.
    private readonly List<BudgetUsageSlice> _slices = [];
    private bool _sliceOpen;
    private long _sliceSecond;
    private DateTimeOffset _sliceAt;
    private UsageTally _sliceUsage;
    private int _sliceSpawns;
    private bool _flushScheduled;

    private void AddToSlice(RecordBudgetUsage usage)
    {
        var second = usage.At.UtcTicks / TimeSpan.TicksPerSecond;
        if (_sliceOpen && second != _sliceSecond)
        {
            CloseSlice();
        }

        if (!_sliceOpen)
        {
            _sliceOpen = true;
            _sliceSecond = second;
            _sliceAt = usage.At;
            _sliceUsage = default;
            _sliceSpawns = 0;
        }

        _sliceUsage += usage.Usage;
        _sliceSpawns += usage.Spawn ? 1 : 0;
        if (usage.At > _sliceAt)
        {
            _sliceAt = usage.At;
        }

        if (!_flushScheduled)
        {
            // The first report since the last batch starts the clock: none waits longer than the interval.
            _flushScheduled = true;
            Context.Timers.StartSingleTimer(FlushTimer, FlushTick.Instance, _options.PersistInterval);
        }
    }

    private void CloseSlice()
    {
        if (_sliceOpen)
        {
            _slices.Add(new BudgetUsageSlice(_sliceAt, _sliceUsage, _sliceSpawns));
            _sliceOpen = false;
        }
    }

    /// <summary>
    /// Persists the reports held in memory as one event (after configured limits not yet persisted),
    /// then runs <paramref name="then"/>; with nothing held, runs it at once.
    /// </summary>
    private void Flush(Action? then = null)
    {
        CloseSlice();
        if (_flushScheduled)
        {
            _flushScheduled = false;
            Context.Timers.Cancel(FlushTimer);
        }

        var configured = _configuredToPersist;
        var tallied = _slices.Count > 0 ? new BudgetUsageTallied([.. _slices]) : null;
        _configuredToPersist = null;
        _slices.Clear();
        if (configured is null && tallied is null)
        {
            then?.Invoke();
            return;
        }

        // The ledger already holds what these events say; commands wait while the write is in
        // flight, so when the last handler runs the ledger holds exactly what the journal says.
        if (configured is not null)
        {
            // Before the reports: they were tallied under these limits.
            _limitsPersisted = true;
            Persist(configured, _ =>
            {
                if (tallied is null)
                {
                    Written(then);
                }
            });
        }

        if (tallied is not null)
        {
            Persist(tallied, _ => Written(then));
        }
    }

    private void Written(Action? then)
    {
        MaybeSnapshot();
        then?.Invoke();
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr >= _options.SnapshotEvery)
        {
            _lastSnapshotSequenceNr = LastSequenceNr;
            SaveSnapshot(new BudgetSnapshot(_ledger.ToSnapshot(), _limitsSetAtRuntime));
        }
    }
}
