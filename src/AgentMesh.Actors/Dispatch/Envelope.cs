namespace AgentMesh.Actors.Dispatch;

/// <summary>A user message with its sender, stored by value in the mailbox queue (no allocation per message).</summary>
internal readonly record struct Envelope(object Message, IActorRef Sender);
