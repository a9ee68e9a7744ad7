namespace AgentMesh.Client;

/// <summary>
/// One side broke spec/agent-link.md: the node answered a frame with <c>error</c> (<see cref="Code"/> is
/// its code), answered <c>hello</c> with something other than <c>hello-ok</c>, or sent a binary frame.
/// </summary>
public class AgentLinkProtocolException : AgentLinkException
{
    public AgentLinkProtocolException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The node's <c>error</c> code, or the client's name for the violation (<c>binary-frame</c>, …).</summary>
    public string Code { get; }
}
