using System.Text.Json;

namespace AgentMesh.Orchestration.Agents.Frames;

// The node → agent frames of spec/agent-link.md, one record per frame type. Kept together because
// they are one contract and read best side by side with the spec's table.

/// <summary><c>hello-ok</c>: the agent's state after its hello and the highest id in its inbox.</summary>
public sealed record HelloOkFrame(string Node, AgentState State, long InboxHighWater) : INodeFrame;

/// <summary><c>welcome</c>: onboarding material, at most once per incarnation, ever.</summary>
public sealed record WelcomeFrame(string WelcomeId, JsonElement Payload) : INodeFrame;

/// <summary><c>deliver</c>: a message to run in session <paramref name="SessionId"/>; a new id means a new session.</summary>
public sealed record DeliverFrame(string SessionId, long MessageId, string From, JsonElement Body, string SessionKey) : INodeFrame;

/// <summary>
/// <c>nudge</c>: messages up to <paramref name="PendingUpTo"/> are waiting. A degraded nudge (the
/// inbox could not be read) carries no id and <c>degraded: true</c>, an extension of the spec.
/// </summary>
public sealed record NudgeFrame(long? PendingUpTo, bool Degraded = false) : INodeFrame;

/// <summary><c>stop-session</c>: end the session now (<c>budget</c>, <c>operator</c>, <c>circuit</c>, <c>idle</c>).</summary>
public sealed record StopSessionFrame(string SessionId, string Reason) : INodeFrame;

/// <summary><c>suspended</c>: nothing will be delivered until <c>resumed</c>.</summary>
public sealed record SuspendedFrame(string Reason) : INodeFrame;

/// <summary><c>resumed</c>: the suspension was lifted.</summary>
public sealed record ResumedFrame : INodeFrame
{
    public static readonly ResumedFrame Instance = new();
}

/// <summary>Not a wire frame: tells the link it was replaced by a newer connection for the same agent (close with 4000).</summary>
public sealed record LinkReplacedFrame : INodeFrame
{
    public static readonly LinkReplacedFrame Instance = new();
}
