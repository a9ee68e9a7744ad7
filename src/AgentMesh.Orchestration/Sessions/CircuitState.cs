namespace AgentMesh.Orchestration.Sessions;

public enum CircuitState
{
    /// <summary>Messages pass.</summary>
    Closed,

    /// <summary>Messages are refused (<c>circuit-open</c>) until a reset, or a probe when half-open probing is on.</summary>
    Open,

    /// <summary>One probe message was let through; everything else is refused until its result.</summary>
    HalfOpen,
}
