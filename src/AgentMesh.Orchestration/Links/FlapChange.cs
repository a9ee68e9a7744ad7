namespace AgentMesh.Orchestration.Links;

/// <summary>What a <see cref="FlapDetector"/> call changed.</summary>
public enum FlapChange
{
    None,
    EnteredFlapping,
    LeftFlapping,
}
