namespace AgentMesh.Node.Security;

/// <summary>What an <see cref="AgentCredential"/> proves.</summary>
public enum AgentCredentialKind
{
    /// <summary>Missing or wrong token: answer 401 before the upgrade.</summary>
    Refused,

    /// <summary>No agent tokens are configured and the node and the caller are on loopback: any agent id.</summary>
    LocalDevelopment,

    /// <summary>The shared agent token: any agent id that has no token of its own.</summary>
    SharedToken,

    /// <summary>One agent's own token: that agent id only.</summary>
    AgentToken,
}
