namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>hello-ok</c>: the node accepted the <c>hello</c>. <see cref="State"/> is the agent's state after
/// it (see <see cref="AgentStates"/>); <see cref="InboxHighWater"/> is the highest message id in the
/// agent's inbox.
/// </summary>
public sealed record HelloOkFrame(string Node, string State, long InboxHighWater = 0) : NodeFrame;
