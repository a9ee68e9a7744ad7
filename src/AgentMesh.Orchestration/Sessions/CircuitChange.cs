namespace AgentMesh.Orchestration.Sessions;

/// <summary>What a <see cref="CircuitBreaker"/> call changed.</summary>
public enum CircuitChange
{
    None,

    /// <summary>The circuit opened, or a failed probe opened it for another cool-down.</summary>
    Opened,

    Closed,
}
