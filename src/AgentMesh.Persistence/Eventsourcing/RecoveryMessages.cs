namespace AgentMesh.Persistence.Eventsourcing;

/// <summary>Given to <see cref="PersistentActor.OnRecover"/> after the snapshot and every event: the actor is about to take commands.</summary>
public sealed record RecoveryCompleted
{
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted()
    {
    }
}

/// <summary>Given to <see cref="PersistentActor.OnRecover"/> first when a snapshot exists: the state to start from.</summary>
public sealed record SnapshotOffer(long SequenceNr, DateTimeOffset Timestamp, object Snapshot);

/// <summary>A <see cref="PersistentActor.SaveSnapshot"/> was stored; given to <see cref="PersistentActor.OnCommand"/>.</summary>
public sealed record SaveSnapshotSuccess(long SequenceNr);

/// <summary>A <see cref="PersistentActor.SaveSnapshot"/> failed; the events are still in the journal, so nothing is lost.</summary>
public sealed record SaveSnapshotFailure(long SequenceNr, Exception Cause);

/// <summary>A <see cref="PersistentActor.DeleteMessages"/> completed.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>A <see cref="PersistentActor.DeleteMessages"/> failed.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);
