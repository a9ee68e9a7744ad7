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

    /// <summary>Persists the reports held in memory as one event, then runs <paramref name="then"/>; with none held, runs it at once.</summary>
    private void Flush(Action? then = null)
    {
        CloseSlice();
        if (_flushScheduled)
        {
            _flushScheduled = false;
            Context.Timers.Cancel(FlushTimer);
        }

        if (_slices.Count == 0)
        {
            then?.Invoke();
            return;
        }

        var tallied = new BudgetUsageTallied([.. _slices]);
        _slices.Clear();
        Persist(tallied, _ =>
        {
            // The ledger already holds these reports; commands wait while the write is in flight,
            // so at this point it holds exactly what the journal says.
            MaybeSnapshot();
            then?.Invoke();
        });
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
