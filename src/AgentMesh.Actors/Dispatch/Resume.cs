namespace AgentMesh.Actors.Dispatch;

/// <summary>Lifts one <see cref="Suspend"/>; after a failure, the actor carries on with the next message.</summary>
internal sealed class Resume : SystemMessage;
