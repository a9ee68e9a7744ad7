using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Policies;

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
    /// <c>AgentMesh:Agents</c>: the fleet's policy defaults and per-agent overrides. Every agent id
    /// with an entry is also a configured agent (messages to it are held before it first connects).
    /// </summary>
    public AgentPolicies Agents { get; init; } = new();

    /// <summary><c>AgentMesh:Budgets</c>: limits per scope kind and per scope, over the built-in defaults.</summary>
    public BudgetOptions Budgets { get; init; } = new();

    /// <summary><c>AgentMesh:Prices</c>: the default price table with the configured models added or replaced.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;
}
