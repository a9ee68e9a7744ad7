namespace AgentMesh.Client.Frames;

/// <summary><c>session-ended</c>: the agent closed the session.</summary>
public sealed record SessionEndedFrame : AgentFrame
{
    public SessionEndedFrame(string sessionId, string reason)
    {
        SessionId = sessionId;
        Reason = reason;
    }

    public string SessionId { get; init => field = LinkText.Required(value, "A session id", "sessionId"); }

    public string Reason { get; init => field = LinkText.Required(value, "A reason", "reason"); }
}
