namespace AgentMesh.Client;

/// <summary>
/// The node closed the link with 4000 (<c>replaced</c>): another connection for the same agent id took
/// over. The client stops for good: reconnecting would replace the newer connection in turn.
/// </summary>
public sealed class AgentLinkReplacedException : AgentLinkException
{
    /// <summary>The close status of <c>replaced</c>.</summary>
    public const int CloseStatus = 4000;

    public AgentLinkReplacedException(string? closeDescription)
        : base(
            "The node closed the agent link with 4000 (replaced): another connection for the same agent id took over; "
            + $"this client does not reconnect.{(string.IsNullOrEmpty(closeDescription) ? string.Empty : $" Node said: '{closeDescription}'.")}")
    {
        CloseDescription = closeDescription;
    }

    public string? CloseDescription { get; }
}
