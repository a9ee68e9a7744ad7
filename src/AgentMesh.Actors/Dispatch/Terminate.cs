namespace AgentMesh.Actors.Dispatch;

/// <summary>Stops the actor: children first, then PostStop, then watchers are told.</summary>
internal sealed class Terminate : SystemMessage;
