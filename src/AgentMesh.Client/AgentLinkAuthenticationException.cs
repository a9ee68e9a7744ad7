namespace AgentMesh.Client;

/// <summary>
/// The node refused the WebSocket upgrade with HTTP 401 (or 403): the bearer token is missing or
/// wrong. Never retried; on a reconnect it stops the client.
/// </summary>
public sealed class AgentLinkAuthenticationException : AgentLinkException
{
    public AgentLinkAuthenticationException(Uri nodeUri, int statusCode, Exception? innerException = null)
        : base(
            $"The node at {nodeUri} refused the agent link with HTTP {statusCode}: the bearer token is missing or wrong "
            + "(check AgentLinkClientOptions.BearerToken against the node's agent tokens).",
            innerException)
    {
        NodeUri = nodeUri;
        StatusCode = statusCode;
    }

    public Uri NodeUri { get; }

    public int StatusCode { get; }
}
