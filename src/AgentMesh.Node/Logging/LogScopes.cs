using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Logging;

/// <summary>
/// Log scopes that put the agent link's identifiers on every event logged inside them, under the
/// field names the dashboards and log queries use: <c>AgentId</c>, <c>Incarnation</c>, <c>SessionId</c>.
/// </summary>
public static class LogScopes
{
    public const string AgentId = nameof(AgentId);
    public const string Incarnation = nameof(Incarnation);
    public const string SessionId = nameof(SessionId);

    /// <summary>Everything logged until the scope is disposed carries the agent id and, when known, the incarnation.</summary>
    public static IDisposable? BeginAgentScope(this ILogger logger, string agentId, string? incarnation = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var fields = new Dictionary<string, object?>(2, StringComparer.Ordinal) { [AgentId] = agentId };
        if (incarnation is not null)
        {
            fields[Incarnation] = incarnation;
        }

        return logger.BeginScope(fields);
    }

    /// <summary>Everything logged until the scope is disposed carries the session id.</summary>
    public static IDisposable? BeginSessionScope(this ILogger logger, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object?>(1, StringComparer.Ordinal) { [SessionId] = sessionId });
    }
}
