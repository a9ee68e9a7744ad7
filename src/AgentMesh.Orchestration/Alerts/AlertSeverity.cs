namespace AgentMesh.Orchestration.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
