namespace AgentMesh.Node.Security;

/// <summary>The outcome of checking a request against the admin token.</summary>
public enum AdminAccess
{
    /// <summary>The request carries the admin token.</summary>
    Granted,

    /// <summary>No admin token is configured and the call comes from this machine (development).</summary>
    GrantedLocal,

    /// <summary>An admin token is configured and the request carries none.</summary>
    MissingToken,

    /// <summary>The request carries a token that is not the admin token.</summary>
    WrongToken,

    /// <summary>No admin token is configured and the call comes from another machine.</summary>
    NotLocal,
}
