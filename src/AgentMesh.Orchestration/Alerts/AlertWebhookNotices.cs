namespace AgentMesh.Orchestration.Alerts;

// What the alert webhook publishes on the event stream about its deliveries (for metrics, the
// dashboard and tests). Never AlertRaised: a failing webhook must not feed itself alerts.

/// <summary>Something the alert webhook did with alert <paramref name="AlertId"/>.</summary>
public abstract record AlertWebhookNotice(long AlertId, DateTimeOffset At);

/// <summary>The endpoint accepted the alert (a 2xx answer) on attempt <paramref name="Attempts"/>.</summary>
public sealed record AlertWebhookDelivered(long AlertId, DateTimeOffset At, int Attempts) : AlertWebhookNotice(AlertId, At);

/// <summary>Attempt <paramref name="Attempt"/> failed with <paramref name="Error"/>; the alert is sent again after <paramref name="RetryIn"/>.</summary>
public sealed record AlertWebhookFailed(long AlertId, DateTimeOffset At, int Attempt, string Error, TimeSpan RetryIn) : AlertWebhookNotice(AlertId, At);

/// <summary>
/// The alert will not be delivered: the queue was full and it was the oldest, or the endpoint
/// refused it for good (a 4xx other than 408 and 429). <paramref name="TotalDropped"/> counts every
/// drop since the webhook started.
/// </summary>
public sealed record AlertWebhookDropped(long AlertId, DateTimeOffset At, string Why, long TotalDropped) : AlertWebhookNotice(AlertId, At);
