namespace AgentMesh.Client.Frames;

/// <summary>The <c>reason</c> values of <c>stop-session</c> in protocol version 1; a newer node may add more.</summary>
public static class StopReasons
{
    public const string Budget = "budget";
    public const string Operator = "operator";
    public const string Circuit = "circuit";
    public const string Idle = "idle";
}
