namespace AgentMesh.Orchestration.Agents;

/// <summary>The one active session of a session key.</summary>
public sealed record OpenSession(string SessionId, string SessionKey, DateTimeOffset OpenedAt);
