namespace AgentMesh.Client.Frames;

/// <summary>The <c>reason</c> values of <c>rejected</c> in protocol version 1; a newer node may add more.</summary>
public static class RejectReasons
{
    public const string CircuitOpen = "circuit-open";
    public const string Suspended = "suspended";
    public const string UnknownRecipient = "unknown-recipient";
    public const string Budget = "budget";
    public const string Invalid = "invalid";
}
