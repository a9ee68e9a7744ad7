namespace AgentMesh.Orchestration.Alerts;

/// <summary>
/// An alert made durable by the alert log, with its number: ids start at 1 and increase by one per
/// alert, in the order the log received them. Published on the event stream once persisted (the
/// admin API's SSE stream and the webhook forward it) and answered by <see cref="GetAlerts"/>.
/// </summary>
public sealed record AlertLogged(
    long Id,
    DateTimeOffset At,
    AlertSeverity Severity,
    string Scope,
    string Kind,
    string Message,
    IReadOnlyDictionary<string, decimal>? Figures = null);
