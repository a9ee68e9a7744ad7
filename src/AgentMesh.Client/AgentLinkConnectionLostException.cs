namespace AgentMesh.Client;

/// <summary>
/// The link dropped. From a send: the frame was written, or was being written, when the connection
/// went down, so whether the node got it is unknown. Sending the same message again is safe: the node
/// answers a repeat inside its cooldown window with <c>duplicate: true</c> and does not deliver it twice.
/// </summary>
public sealed class AgentLinkConnectionLostException : AgentLinkException
{
    public AgentLinkConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
