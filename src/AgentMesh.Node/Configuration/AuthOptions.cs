using AgentMesh.Node.Security;

namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Auth</c>: the bearer tokens of the admin API and the agent link. All secrets.</summary>
public sealed record AuthOptions
{
    /// <summary>The token of <c>/api/*</c> and <c>/metrics</c>; null when not configured.</summary>
    public SecretToken? AdminToken { get; init; }

    /// <summary>One token every agent may use, except agents that have a token of their own.</summary>
    public SecretToken? AgentToken { get; init; }

    /// <summary>Tokens per agent id (ordinal, as written in the configuration).</summary>
    public IReadOnlyDictionary<string, SecretToken> AgentTokens { get; init; } = new Dictionary<string, SecretToken>(StringComparer.Ordinal);

    public bool HasAgentTokens => AgentToken is not null || AgentTokens.Count > 0;
}
