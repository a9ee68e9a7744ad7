namespace AgentMesh.Client.Frames;

/// <summary>
/// The <c>state</c> values of <c>hello-ok</c>. <see cref="HelloOkFrame.State"/> is a string, not an
/// enum, so that a state added by a newer node reaches the agent instead of failing the handshake.
/// </summary>
public static class AgentStates
{
    public const string Onboarding = "onboarding";
    public const string Ready = "ready";
    public const string Flapping = "flapping";
    public const string Suspended = "suspended";
}
