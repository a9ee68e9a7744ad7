using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// The node's settings, read and validated from the <c>AgentMesh</c> configuration section by
/// <see cref="AgentMeshOptionsReader"/>. Immutable; the defaults are the ones docs/node.md lists.
/// </summary>
public sealed record AgentMeshOptions
{
    /// <summary>The configuration section everything here is read from.</summary>
    public const string SectionName = "AgentMesh";

    public NodeOptions Node { get; init; } = new();

    public NodeStoreOptions Store { get; init; } = new();

    public AuthOptions Auth { get; init; } = new();

    public LinkOptions Link { get; init; } = new();

    public NodeLoggingOptions Logging { get; init; } = new();

    public AlertOptions Alerts { get; init; } = new();

    /// <summary>
    /// <c>AgentMesh:Agents</c>, agent policy overrides. Passed through unvalidated: the orchestration
    /// layer binds and validates it. An empty section when absent.
    /// </summary>
    public IConfigurationSection? Agents { get; init; }

    /// <summary><c>AgentMesh:Budgets</c>, limits per budget scope; bound by the orchestration layer.</summary>
    public IConfigurationSection? Budgets { get; init; }

    /// <summary><c>AgentMesh:Prices</c>, the price table overrides; bound by the orchestration layer.</summary>
    public IConfigurationSection? Prices { get; init; }
}
