using System.Net;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Metrics;
using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Security;

/// <summary>
/// The agent link's token rule (spec/agent-link.md): the upgrade request carries
/// <c>Authorization: Bearer &lt;token&gt;</c>, either the agent's own token
/// (<c>AgentMesh:Auth:AgentTokens:&lt;id&gt;</c>) or the shared one (<c>AgentMesh:Auth:AgentToken</c>).
/// An agent that has a token of its own must use it: the shared token cannot speak for it.
/// A loopback-only node with no agent tokens accepts local agents without one (development).
/// </summary>
/// <remarks>
/// The link calls <see cref="Authenticate(HttpContext)"/> before the upgrade (401 when refused)
/// and <see cref="Permits"/> once <c>hello</c> names the agent. Every configured token is compared,
/// in constant time, on every call, so the time taken does not tell which one matched.
/// </remarks>
public sealed class AgentTokenValidator
{
    private readonly SecretToken? _sharedToken;
    private readonly IReadOnlyDictionary<string, SecretToken> _agentTokens;
    private readonly bool _loopbackOnly;
    private readonly NodeMetrics? _metrics;

    /// <param name="auth">The configured tokens.</param>
    /// <param name="loopbackOnly">Whether the node listens on loopback only (development mode is possible only then).</param>
    /// <param name="metrics">Counts refusals; optional.</param>
    public AgentTokenValidator(AuthOptions auth, bool loopbackOnly, NodeMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(auth);
        _sharedToken = auth.AgentToken;
        _agentTokens = auth.AgentTokens;
        _loopbackOnly = loopbackOnly;
        _metrics = metrics;
    }

    /// <summary>Checks the upgrade request's bearer token and the caller's address.</summary>
    public AgentCredential Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Authenticate(BearerToken.From(context.Request), context.Connection.RemoteIpAddress);
    }

    public AgentCredential Authenticate(string? bearerToken, IPAddress? remoteAddress)
    {
        var credential = Check(bearerToken, remoteAddress);
        if (!credential.IsAccepted)
        {
            _metrics?.AuthenticationFailed(NodeMetrics.AgentSurface);
        }

        return credential;
    }

    /// <summary>Whether <paramref name="credential"/> may speak for <paramref name="agentId"/> (the id from <c>hello</c>).</summary>
    public bool Permits(AgentCredential credential, string agentId)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(agentId);
        return credential.Kind switch
        {
            AgentCredentialKind.LocalDevelopment => true,
            AgentCredentialKind.SharedToken => !_agentTokens.ContainsKey(agentId),
            AgentCredentialKind.AgentToken => string.Equals(credential.AgentId, agentId, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Both steps at once, for a caller that knows the agent id before the upgrade.</summary>
    public bool Validate(string agentId, string? bearerToken, IPAddress? remoteAddress) =>
        Authenticate(bearerToken, remoteAddress) is { IsAccepted: true } credential && Permits(credential, agentId);

    private AgentCredential Check(string? bearerToken, IPAddress? remoteAddress)
    {
        if (_sharedToken is null && _agentTokens.Count == 0)
        {
            if (_loopbackOnly && remoteAddress is not null && IPAddress.IsLoopback(remoteAddress))
            {
                return AgentCredential.LocalDevelopment;
            }

            return AgentCredential.Refused(_loopbackOnly
                ? "this node has no agent tokens configured, so it accepts agents from this machine only"
                : "this node has no agent tokens configured, so it accepts no agent");
        }

        if (bearerToken is null)
        {
            return AgentCredential.Refused("missing agent token: send Authorization: Bearer <agent token>");
        }

        // No early exit: every token is compared whatever matched first.
        AgentCredential? match = null;
        foreach (var (agentId, token) in _agentTokens)
        {
            if (token.Matches(bearerToken))
            {
                match ??= AgentCredential.ForAgent(agentId);
            }
        }

        if (_sharedToken?.Matches(bearerToken) == true)
        {
            match ??= AgentCredential.SharedToken;
        }

        return match ?? AgentCredential.Refused("wrong agent token");
    }
}
