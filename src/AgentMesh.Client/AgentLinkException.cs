namespace AgentMesh.Client;

/// <summary>
/// A failure of the agent link. Thrown as such when the node cannot be reached or the upgrade is
/// refused with a status other than 401/403; the derived types name the cases a caller handles.
/// </summary>
public class AgentLinkException : Exception
{
    public AgentLinkException()
    {
    }

    public AgentLinkException(string message)
        : base(message)
    {
    }

    public AgentLinkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
