using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Hosting;

/// <summary>Log events of the node's start and stop (event ids 5000–5099).</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Node {Node} listening on {Addresses} with store {Store}")]
    public static partial void NodeListening(ILogger logger, string node, string addresses, string store);

    [LoggerMessage(5001, LogLevel.Information, "Opening the store: {Store}")]
    public static partial void StoreOpening(ILogger logger, string store);

    [LoggerMessage(5002, LogLevel.Information, "The store is open: {Store}")]
    public static partial void StoreOpened(ILogger logger, string store);

    [LoggerMessage(5003, LogLevel.Information, "The store is closed, queued writes committed: {Store}")]
    public static partial void StoreClosed(ILogger logger, string store);

    [LoggerMessage(5004, LogLevel.Warning,
        "Development mode: no {Missing} configured; the node listens on loopback only and accepts calls from this machine without a token")]
    public static partial void DevelopmentMode(ILogger logger, string missing);

    [LoggerMessage(5010, LogLevel.Information, "Actor system {System} shut down cleanly")]
    public static partial void ShutdownCompleted(ILogger logger, string system);

    [LoggerMessage(5011, LogLevel.Warning,
        "Actor system {System} shut down with problems: timed-out phases [{TimedOutPhases}], failed tasks [{FailedTasks}], actors not stopped [{ActorsNotStopped}]")]
    public static partial void ShutdownIncomplete(ILogger logger, string system, string timedOutPhases, string failedTasks, string actorsNotStopped);

    [LoggerMessage(5012, LogLevel.Warning, "The coordinated shutdown did not finish within the node's shutdown timeout; closing the store anyway")]
    public static partial void ShutdownTimedOut(ILogger logger);

    [LoggerMessage(5020, LogLevel.Critical, "The node could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, Exception? exception, string reason);
}
