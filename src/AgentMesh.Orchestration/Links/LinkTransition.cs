namespace AgentMesh.Orchestration.Links;

/// <summary>A change of an agent's link: it came up (hello accepted) or went down.</summary>
public enum LinkTransition
{
    Up,
    Down,
}
