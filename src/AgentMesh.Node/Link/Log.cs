using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Link;

/// <summary>Log events of the agent link (event ids 5700–5749).</summary>
internal static partial class Log
{
    [LoggerMessage(5700, LogLevel.Information, "Agent {AgentId} (incarnation {Incarnation}) connected from {RemoteAddress}")]
    public static partial void AgentConnected(ILogger logger, string agentId, string incarnation, string? remoteAddress);

    [LoggerMessage(5701, LogLevel.Information, "Agent {AgentId} disconnected: {Reason}")]
    public static partial void AgentDisconnected(ILogger logger, string agentId, string reason);

    [LoggerMessage(5702, LogLevel.Debug, "Refused a frame from {AgentId}: {Code} {Message}")]
    public static partial void FrameRefused(ILogger logger, string agentId, string code, string message);

    [LoggerMessage(5703, LogLevel.Warning, "Agent connection from {RemoteAddress} refused: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(5704, LogLevel.Debug, "Agent link connection ended with an error")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);
}
