namespace AgentMesh.Orchestration.Alerts;

/// <summary>
/// An alert, published on the event stream by whoever detects the condition (an agent's actor, a
/// budget); the alert log makes it durable and numbered, and forwards it to the webhook.
/// <paramref name="Scope"/> is a budget scope form (<c>agent:gpu-box</c>, <c>global</c>);
/// <paramref name="Kind"/> a stable lower-case name; <paramref name="Figures"/> the numbers behind it.
/// </summary>
public sealed record AlertRaised(
    DateTimeOffset At,
    AlertSeverity Severity,
    string Scope,
    string Kind,
    string Message,
    IReadOnlyDictionary<string, decimal>? Figures = null);
