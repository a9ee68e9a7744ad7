namespace AgentMesh.Actors.Dispatch;

/// <summary>Starts a new actor: runs the factory and PreStart.</summary>
internal sealed class Create : SystemMessage;
