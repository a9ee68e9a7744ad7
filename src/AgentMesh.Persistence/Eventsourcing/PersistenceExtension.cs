using AgentMesh.Actors;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.Eventsourcing;

/// <summary>
/// The stores and serializer the persistent actors of one actor system use. Register it once at
/// start with <see cref="Register"/>; every <see cref="PersistentActor"/> of the system finds it.
/// </summary>
public sealed class PersistenceExtension(IEventJournal journal, ISnapshotStore snapshots, EventSerializer serializer)
{
    public IEventJournal Journal { get; } = journal ?? throw new ArgumentNullException(nameof(journal));

    public ISnapshotStore Snapshots { get; } = snapshots ?? throw new ArgumentNullException(nameof(snapshots));

    public EventSerializer Serializer { get; } = serializer ?? throw new ArgumentNullException(nameof(serializer));

    /// <summary>Events replayed per message from the recovery reader to the actor.</summary>
    public int RecoveryBatchSize { get; init; } = 256;

    public static PersistenceExtension Register(ActorSystem system, PersistenceExtension extension)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.RegisterExtension(extension);
        return extension;
    }

    public static PersistenceExtension Get(ActorSystem system) =>
        system.GetExtension<PersistenceExtension>() ?? throw new InvalidOperationException(
            $"Actor system '{system.Name}' has no persistence: call PersistenceExtension.Register at start, before spawning persistent actors.");
}
