namespace AgentMesh.Client.Frames;

/// <summary>The <c>type</c> values of spec/agent-link.md, version 1.</summary>
public static class FrameTypes
{
    /// <summary>The discriminator field every frame carries.</summary>
    public const string PropertyName = "type";

    public const string Hello = "hello";
    public const string WelcomeAck = "welcome-ack";
    public const string SessionStarted = "session-started";
    public const string Usage = "usage";
    public const string Result = "result";
    public const string SessionEnded = "session-ended";
    public const string Send = "send";
    public const string Fetch = "fetch";

    public const string HelloOk = "hello-ok";
    public const string Welcome = "welcome";
    public const string Deliver = "deliver";
    public const string Nudge = "nudge";
    public const string StopSession = "stop-session";
    public const string Suspended = "suspended";
    public const string Resumed = "resumed";
    public const string Sent = "sent";
    public const string Rejected = "rejected";
    public const string Error = "error";
}
