using Microsoft.Extensions.Logging;

namespace AgentMesh.Orchestration.Alerts;

/// <summary>Log events of the alert log and webhook (event ids 4200–4299). The webhook URL is logged as its origin only.</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "Alert webhook queue is full ({Capacity}); dropped alert {AlertId}, {TotalDropped} dropped since start")]
    public static partial void WebhookQueueFull(ILogger logger, int capacity, long alertId, long totalDropped);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning,
        Message = "Alert webhook {Origin} failed for alert {AlertId} on attempt {Attempt} ({Error}); retrying in {RetryIn}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string origin, long alertId, int attempt, string error, TimeSpan retryIn);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning,
        Message = "Alert webhook {Origin} refused alert {AlertId} with {StatusCode}; it is dropped, {TotalDropped} dropped since start")]
    public static partial void WebhookRefused(ILogger logger, string origin, long alertId, int statusCode, long totalDropped);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information,
        Message = "Alert webhook {Origin} delivered alert {AlertId} after {Attempts} attempts")]
    public static partial void WebhookRecovered(ILogger logger, string origin, long alertId, int attempts);
}
