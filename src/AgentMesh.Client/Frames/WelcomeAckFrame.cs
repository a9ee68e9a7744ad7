namespace AgentMesh.Client.Frames;

/// <summary><c>welcome-ack</c>: onboarding done; the node moves the agent to <c>ready</c>.</summary>
public sealed record WelcomeAckFrame : AgentFrame
{
    public WelcomeAckFrame(string welcomeId)
    {
        WelcomeId = welcomeId;
    }

    public string WelcomeId { get; init => field = LinkText.Required(value, "A welcome id", "welcomeId"); }
}
