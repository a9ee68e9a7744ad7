using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Eventsourcing;

/// <summary>Log events of persistent actors (event ids 2100–2199).</summary>
internal static partial class EventsourcingLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error,
        Message = "Recovery of {PersistenceId} failed; the actor stops")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string persistenceId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "Writing events {FromSequenceNr}..{ToSequenceNr} of {PersistenceId} failed; the actor stops and will recover what is durable")]
    public static partial void PersistFailed(ILogger logger, Exception exception, string persistenceId, long fromSequenceNr, long toSequenceNr);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error,
        Message = "Another writer appended sequence number {SequenceNr} of {PersistenceId} first; this instance stops")]
    public static partial void ConcurrentWriter(ILogger logger, Exception exception, string persistenceId, long sequenceNr);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "An event of type {EventType} for {PersistenceId} was rejected and not persisted")]
    public static partial void PersistRejected(ILogger logger, Exception exception, string persistenceId, string eventType);
}
