namespace AgentMesh.Actors.Dispatch;

/// <summary>Stops processing user messages until a matching Resume (used while the parent decides on a failure).</summary>
internal sealed class Suspend : SystemMessage;
