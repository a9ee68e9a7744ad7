namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>session-started</c>: the agent loaded a fresh session; the node counts it as a spawn and its
/// <see cref="ContextTokens"/> as input tokens.
/// </summary>
public sealed record SessionStartedFrame : AgentFrame
{
    public SessionStartedFrame(string sessionId, long contextTokens)
    {
        SessionId = sessionId;
        ContextTokens = contextTokens;
    }

    public string SessionId { get; init => field = LinkText.Required(value, "A session id", "sessionId"); }

    public long ContextTokens { get; init => field = LinkText.NotNegative(value, "Context tokens", "contextTokens"); }
}
