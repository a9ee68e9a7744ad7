using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Http;

/// <summary>Log events of the HTTP pipeline (event ids 5300–5399).</summary>
internal static partial class Log
{
    [LoggerMessage(5300, LogLevel.Error, "{Method} {Path} failed (trace id {TraceId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(5301, LogLevel.Debug, "{Method} {Path} was refused with {Status}: {Detail}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string detail);

    [LoggerMessage(5310, LogLevel.Warning, "Health check failed: {Reason}")]
    public static partial void HealthFailed(ILogger logger, string reason);

    [LoggerMessage(5311, LogLevel.Information, "Health check passes again")]
    public static partial void HealthRecovered(ILogger logger);
}
