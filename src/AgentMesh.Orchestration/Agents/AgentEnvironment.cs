using System.Text.Json;
using AgentMesh.Actors;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Agents;

/// <summary>What every agent actor of a node shares: the node's name, policies, welcome material, prices and the budgets to report to.</summary>
public sealed record AgentEnvironment
{
    public required string NodeName { get; init; }

    public AgentPolicies Policies { get; init; } = new();

    /// <summary>Agents known before they ever connect (configured): messages to them are accepted and held.</summary>
    public IReadOnlySet<string> ConfiguredAgents { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The onboarding material of an agent's welcome; by default a small description of the node.</summary>
    public Func<AgentId, JsonElement>? WelcomePayload { get; init; }

    /// <summary>The budget region; null runs without budget accounting (tests of the agent's life alone).</summary>
    public IActorRef? Budgets { get; init; }

    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>The rooms' region (<c>room:&lt;name&gt;</c>); null refuses room addresses.</summary>
    public IActorRef? Rooms { get; init; }

    /// <summary>The agent directory, told about every agent when it first registers; null keeps no directory.</summary>
    public IActorRef? Directory { get; init; }

    /// <summary>Where the check-in reads the inbox's highest id; null reads the agent's own inbox.</summary>
    public IInboxHighWaterReader? InboxReader { get; init; }

    /// <summary>
    /// Events between snapshots, at least; a snapshot bounds recovery and lets the journal be trimmed.
    /// An agent whose snapshot holds more entries than this waits that many events instead.
    /// </summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>Jitter source of retry back-off; seed it in tests for exact timings.</summary>
    public Random Random { get; init; } = Random.Shared;

    internal JsonElement WelcomeFor(AgentId agent) =>
        WelcomePayload?.Invoke(agent) ?? JsonSerializer.SerializeToElement(
            new Dictionary<string, string>
            {
                ["agentId"] = agent.Value,
                ["node"] = NodeName,
                ["note"] = "Welcome to AgentMesh. Acknowledge with welcome-ack; messages arrive as deliver frames.",
            },
            OrchestrationJsonContext.Default.DictionaryStringString);
}
