namespace AgentMesh.Orchestration.Agents.Frames;

/// <summary>
/// A frame for the agent, told to its link ref; the link writes frames in the order it receives
/// them, so an agent actor controls the order of everything its agent sees.
/// </summary>
public interface INodeFrame;
