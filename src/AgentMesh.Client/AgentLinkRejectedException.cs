using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>
/// The node answered a send with <c>rejected</c>. <see cref="Reason"/> is one of
/// <see cref="RejectReasons"/> (or a reason a newer node added); nothing was delivered.
/// </summary>
public sealed class AgentLinkRejectedException : AgentLinkException
{
    public AgentLinkRejectedException(string reason, string? detail)
        : base($"The node rejected the frame: {reason}{(string.IsNullOrEmpty(detail) ? "." : $" ({detail}).")}")
    {
        Reason = reason;
        Detail = detail;
    }

    public string Reason { get; }

    public string? Detail { get; }
}
