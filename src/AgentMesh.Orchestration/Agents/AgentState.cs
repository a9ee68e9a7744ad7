namespace AgentMesh.Orchestration.Agents;

/// <summary>The agent's state, as DESIGN.md draws it; the wire and API use the lower-case names.</summary>
public enum AgentState
{
    Offline,
    Onboarding,
    Ready,
    Flapping,
    Suspended,
}

public static class AgentStateNames
{
    public static string ToWire(this AgentState state) => state switch
    {
        AgentState.Offline => "offline",
        AgentState.Onboarding => "onboarding",
        AgentState.Ready => "ready",
        AgentState.Flapping => "flapping",
        AgentState.Suspended => "suspended",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
