using AgentMesh.Actors;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;

namespace AgentMesh.Orchestration.Alerts;

/// <summary>
/// The node's durable, numbered alert log (a singleton). It subscribes to <see cref="AlertRaised"/>
/// on the event stream, gives each alert the next id, persists it as <see cref="AlertLogged"/>, then
/// publishes that on the event stream (for the SSE stream and the webhook), and answers
/// <see cref="GetAlerts"/>. The newest <see cref="AlertLogOptions.Retain"/> alerts are kept; older
/// ones leave with the next snapshot, which also trims the journal.
/// </summary>
public sealed class AlertLogActor : PersistentActor
{
    public const string Name = "alert-log";

    private readonly AlertLogOptions _options;
    private readonly Queue<AlertLogged> _retained = new();
    private long _lastId;
    private long _lastSnapshotSequenceNr;

    private AlertLogActor(AlertLogOptions options)
    {
        _options = options;

        // Subscribed before recovery: alerts raised meanwhile wait with the other commands. Whoever
        // spawns the log should also subscribe it at once (BudgetAccounting.Start does): this
        // constructor runs later, on the actor's first turn. The subscription outlives restarts;
        // the event stream drops it when the log stops.
        Context.System.EventStream.Subscribe<AlertRaised>(Self);
    }

    public override PersistenceId PersistenceId => new(Name);

    protected override bool TrimJournalAfterSnapshot => true;

    public static Props Props(AlertLogOptions? options = null)
    {
        var resolved = options ?? new AlertLogOptions();
        return Actors.Props.Create(() => new AlertLogActor(resolved));
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: AlertLogSnapshot snapshot } offer:
                _lastId = snapshot.LastId;
                _retained.Clear();
                foreach (var alert in snapshot.Retained)
                {
                    _retained.Enqueue(alert);
                }

                _lastSnapshotSequenceNr = offer.SequenceNr;
                break;
            case AlertLogged logged:
                Keep(logged);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case AlertRaised raised:
                // The id is given now, so alerts raised while a write is in flight keep their order.
                var logged = new AlertLogged(++_lastId, raised.At, raised.Severity, raised.Scope, raised.Kind, raised.Message, raised.Figures);
                Persist(logged, e =>
                {
                    Keep(e);
                    Context.System.EventStream.Publish(e);
                    MaybeSnapshot();
                });
                break;
            case GetAlerts get:
                Sender.Tell(List(get));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Keep(AlertLogged logged)
    {
        _lastId = Math.Max(_lastId, logged.Id);
        _retained.Enqueue(logged);
        while (_retained.Count > _options.Retain)
        {
            _retained.Dequeue();
        }
    }

    private AlertList List(GetAlerts get)
    {
        var limit = Math.Clamp(get.Limit, 1, GetAlerts.MaxLimit);
        var firstRetained = _retained.TryPeek(out var oldest) ? oldest.Id : _lastId + 1;

        // Ids are consecutive, so the first alert after `since` is found by arithmetic.
        var skip = (int)Math.Clamp(get.Since - firstRetained + 1, 0, _retained.Count);
        var alerts = _retained.Skip(skip).Take(limit).ToList();
        return new AlertList(alerts, _lastId, firstRetained, skip + alerts.Count < _retained.Count);
    }

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr >= _options.SnapshotEvery)
        {
            _lastSnapshotSequenceNr = LastSequenceNr;
            SaveSnapshot(new AlertLogSnapshot(_lastId, [.. _retained]));
        }
    }
}
