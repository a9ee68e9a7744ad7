namespace AgentMesh.Orchestration.Alerts;

// What the admin API (GET /api/alerts?since=) asks the alert log, and its answer.

/// <summary>
/// Asks for the retained alerts with an id above <paramref name="Since"/>, oldest first, at most
/// <paramref name="Limit"/> (1–10,000); answered with <see cref="AlertList"/>.
/// </summary>
public sealed record GetAlerts(long Since = 0, int Limit = GetAlerts.DefaultLimit)
{
    public const int DefaultLimit = 1_000;
    public const int MaxLimit = 10_000;
}

/// <summary>
/// Alerts after the asked id, newest last. <paramref name="LastId"/> is the newest id logged (0 when
/// none); <paramref name="FirstRetainedId"/> the oldest still kept, so a caller whose <c>since</c> is
/// below it knows it missed some; <paramref name="HasMore"/> says the limit cut the list.
/// </summary>
public sealed record AlertList(IReadOnlyList<AlertLogged> Alerts, long LastId, long FirstRetainedId, bool HasMore);
