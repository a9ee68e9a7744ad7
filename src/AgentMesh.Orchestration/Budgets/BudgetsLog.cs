using Microsoft.Extensions.Logging;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>Log events of budgets (event ids 4100–4199).</summary>
internal static partial class BudgetsLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Budget {Scope}: {Description}")]
    public static partial void SoftLimitReached(ILogger logger, string scope, string description);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error,
        Message = "Budget {Scope}: {Description}; suspending agent {AgentId}")]
    public static partial void HardLimitExceeded(ILogger logger, string scope, string description, string agentId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Budget {Scope} is over its hard limit but the report names no valid agent ('{AgentId}'); nothing to suspend")]
    public static partial void NoAgentToSuspend(ILogger logger, string scope, string agentId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "Budget {Scope}: limits set at runtime: {Limits}")]
    public static partial void LimitsSet(ILogger logger, string scope, string limits);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information,
        Message = "Budget {Scope}: runtime limits dropped; configured limits in force again: {Limits}")]
    public static partial void LimitsReset(ILogger logger, string scope, string limits);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning,
        Message = "Agents relay buffer is full ({Capacity}) before the agents region was bound; dropped a {MessageType}")]
    public static partial void RelayBufferFull(ILogger logger, int capacity, string messageType);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Flushing budget {Scope} during shutdown failed; at most the last persist interval of its accounting is lost")]
    public static partial void ShutdownFlushFailed(ILogger logger, Exception exception, string scope);
}
