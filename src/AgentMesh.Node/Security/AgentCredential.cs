namespace AgentMesh.Node.Security;

/// <summary>
/// What a connecting agent proved before the WebSocket upgrade. The agent id arrives later, in
/// <c>hello</c>; <see cref="AgentTokenValidator.Permits"/> then decides whether this credential
/// may speak for it.
/// </summary>
public sealed record AgentCredential
{
    private AgentCredential(AgentCredentialKind kind, string? agentId, string? refusal)
    {
        Kind = kind;
        AgentId = agentId;
        Refusal = refusal;
    }

    public AgentCredentialKind Kind { get; }

    /// <summary>The agent whose own token was presented, for <see cref="AgentCredentialKind.AgentToken"/>.</summary>
    public string? AgentId { get; }

    /// <summary>Why the agent is refused, for <see cref="AgentCredentialKind.Refused"/>; says nothing about the token's value.</summary>
    public string? Refusal { get; }

    public bool IsAccepted => Kind != AgentCredentialKind.Refused;

    internal static AgentCredential LocalDevelopment { get; } = new(AgentCredentialKind.LocalDevelopment, null, null);

    internal static AgentCredential SharedToken { get; } = new(AgentCredentialKind.SharedToken, null, null);

    internal static AgentCredential ForAgent(string agentId) => new(AgentCredentialKind.AgentToken, agentId, null);

    internal static AgentCredential Refused(string reason) => new(AgentCredentialKind.Refused, null, reason);
}
