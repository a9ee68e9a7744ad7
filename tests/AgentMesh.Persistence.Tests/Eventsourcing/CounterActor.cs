using System.Text.Json.Serialization;
using AgentMesh.Actors;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.Tests.Eventsourcing;

public sealed record Added(int Amount);

public sealed record CounterState(int Total, int EventsApplied);

public sealed record Unregistered(string Text);

[JsonSerializable(typeof(Added))]
[JsonSerializable(typeof(CounterState))]
public sealed partial class CounterJsonContext : JsonSerializerContext;

/// <summary>A persistent counter that reports what it does to a probe.</summary>
public sealed class CounterActor(string id, IActorRef probe) : PersistentActor
{
    private int _total;
    private int _eventsApplied;

    public static EventSerializer Serializer { get; } = new(new EventManifestRegistry()
        .Register("test.added.v1", CounterJsonContext.Default.Added)
        .Register("test.counter-state.v1", CounterJsonContext.Default.CounterState));

    public override PersistenceId PersistenceId => new($"counter-{id}");

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CounterState state }:
                _total = state.Total;
                probe.Tell($"snapshot:{state.Total}");
                break;
            case Added added:
                _total += added.Amount;
                _eventsApplied++;
                break;
            case RecoveryCompleted:
                probe.Tell(new Recovered(_total, _eventsApplied, LastSequenceNr));
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case int amount:
                Persist(new Added(amount), e =>
                {
                    _total += e.Amount;
                    Sender.Tell($"total:{_total}");
                });
                break;
            case "add-two-in-one-batch":
                PersistAll([new Added(1), new Added(2)], e => _total += e.Amount);
                break;
            case "total":
                Sender.Tell($"total:{_total}");
                break;
            case "unregistered":
                Persist(new Unregistered("nope"), _ => probe.Tell("unregistered handler ran"));
                break;
            case "snapshot":
                SaveSnapshot(new CounterState(_total, _eventsApplied));
                break;
            case SaveSnapshotSuccess success:
                probe.Tell($"snapshot-saved:{success.SequenceNr}");
                break;
            case "delete":
                DeleteMessages(LastSequenceNr);
                break;
            case DeleteMessagesSuccess deleted:
                probe.Tell($"deleted:{deleted.ToSequenceNr}");
                break;
            case "seq":
                Sender.Tell(LastSequenceNr);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, long fromSequenceNr, long toSequenceNr) =>
        probe.Tell(new WriteFailed(cause, fromSequenceNr));

    protected override void OnRecoveryFailure(Exception cause) => probe.Tell(new RecoveryFailedReport(cause));

    public sealed record Recovered(int Total, int EventsApplied, long LastSequenceNr);

    public sealed record WriteFailed(Exception Cause, long FromSequenceNr);

    public sealed record RecoveryFailedReport(Exception Cause);
}
