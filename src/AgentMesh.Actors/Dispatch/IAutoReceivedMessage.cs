namespace AgentMesh.Actors.Dispatch;

/// <summary>User-queue messages the kernel interprets before (or instead of) the actor's behaviour.</summary>
internal interface IAutoReceivedMessage;
