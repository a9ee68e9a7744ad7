using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence;

/// <summary>The persistence layer's log events. Event ids are stable: dashboards and alerts match on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Applied schema migration {SchemaVersion} ({Description}) to {Store}")]
    public static partial void MigrationApplied(ILogger logger, string store, int schemaVersion, string description);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug,
        Message = "Schema of {Store} is at version {SchemaVersion}")]
    public static partial void SchemaReady(ILogger logger, string store, int schemaVersion);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error,
        Message = "A group commit of {Requests} requests to {Store} failed; none of them was written")]
    public static partial void GroupCommitFailed(ILogger logger, Exception exception, string store, int requests);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "The writer connection to {Store} broke and will be reopened for the next group")]
    public static partial void WriterConnectionLost(ILogger logger, Exception exception, string store);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "A group commit to {Store} was chosen as a deadlock victim; retrying (attempt {Attempt})")]
    public static partial void GroupCommitRetried(ILogger logger, string store, int attempt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "A WAL checkpoint of {Store} failed; the WAL keeps growing until one succeeds")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string store);
}
