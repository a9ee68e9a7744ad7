using AgentMesh.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Actors;

/// <summary>Log events of the kernel (event ids 1000–1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning, "Actor {ActorPath} failed with {ExceptionType}")]
    public static partial void ActorFailed(ILogger logger, Exception exception, string actorPath, string exceptionType);

    [LoggerMessage(1001, LogLevel.Debug, "Supervisor {ActorPath} decided {Directive} for {ChildPath}")]
    public static partial void SupervisorDecided(ILogger logger, string actorPath, string childPath, Directive directive);

    [LoggerMessage(1002, LogLevel.Warning, "Child {ChildPath} reached {MaxRetries} restarts within {Window} and is stopped")]
    public static partial void RestartLimitReached(ILogger logger, string childPath, int maxRetries, TimeSpan? window);

    [LoggerMessage(1003, LogLevel.Error, "The supervisor strategy of {ActorPath} threw; escalating")]
    public static partial void DeciderFailed(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(1004, LogLevel.Error, "{Hook} of {ActorPath} threw")]
    public static partial void HookFailed(ILogger logger, Exception exception, string actorPath, string hook);

    [LoggerMessage(1005, LogLevel.Debug, "Actor {ActorPath} failed while stopping; the failure is ignored")]
    public static partial void FailedWhileStopping(ILogger logger, Exception exception, string actorPath);

    [LoggerMessage(1010, LogLevel.Information, "Dead letter #{Count}: {MessageType} from {Sender} to {Recipient}")]
    public static partial void DeadLetter(ILogger logger, long count, string messageType, string sender, string recipient);

    [LoggerMessage(1011, LogLevel.Information, "{Suppressed} more dead letters since the last report; subscribe to DeadLetter on the event stream to see each")]
    public static partial void DeadLettersSuppressed(ILogger logger, long suppressed);

    [LoggerMessage(1020, LogLevel.Information, "Coordinated shutdown of {System} started: {Reason}")]
    public static partial void ShutdownStarted(ILogger logger, string system, string reason);

    [LoggerMessage(1021, LogLevel.Warning, "Shutdown phase {Phase} timed out after {Timeout}; pending tasks: {Tasks}")]
    public static partial void ShutdownPhaseTimedOut(ILogger logger, string phase, TimeSpan timeout, string tasks);

    [LoggerMessage(1022, LogLevel.Error, "Shutdown task {Task} in phase {Phase} failed")]
    public static partial void ShutdownTaskFailed(ILogger logger, Exception exception, string task, string phase);

    [LoggerMessage(1023, LogLevel.Error, "Actors did not stop within {Timeout}: {Actors}")]
    public static partial void ActorsNotStopped(ILogger logger, TimeSpan timeout, string actors);

    [LoggerMessage(1024, LogLevel.Information, "Actor system {System} terminated")]
    public static partial void SystemTerminated(ILogger logger, string system);
}
