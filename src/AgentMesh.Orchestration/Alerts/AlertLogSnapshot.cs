namespace AgentMesh.Orchestration.Alerts;

/// <summary>The alert log's state: the last id given and the retained alerts, oldest first.</summary>
public sealed record AlertLogSnapshot(long LastId, IReadOnlyList<AlertLogged> Retained);
