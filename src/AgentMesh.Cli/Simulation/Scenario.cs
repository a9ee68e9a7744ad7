namespace AgentMesh.Cli.Simulation;

/// <summary>
/// One incident to replay (docs/simulate.md): who takes part, how their links, messages, failures and
/// polls behave over <see cref="Duration"/>, the prices to add, and the targets the run is checked
/// against. Read from JSON by <see cref="ScenarioReader"/>, which checks every field.
/// </summary>
internal sealed record Scenario
{
    public required string Name { get; init; }

    public string Title { get; init; } = string.Empty;

    public string FieldReport { get; init; } = string.Empty;

    public required TimeSpan Duration { get; init; }

    /// <summary>The seed of the scenario's random gaps; <c>--seed</c> overrides it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The provider/model every agent reports its calls under unless it names its own.</summary>
    public string Model { get; init; } = "anthropic/claude-sonnet-4";

    public required IReadOnlyList<ScenarioAgent> Agents { get; init; }

    public IReadOnlyList<ScenarioLink> Links { get; init; } = [];

    public IReadOnlyList<ScenarioMessage> Messages { get; init; } = [];

    public IReadOnlyList<ScenarioFailure> Failures { get; init; } = [];

    public IReadOnlyList<ScenarioPoll> Polls { get; init; } = [];

    public IReadOnlyList<ScenarioPrice> Prices { get; init; } = [];

    public IReadOnlyList<ScenarioTarget> Targets { get; init; } = [];

    public ScenarioAgent? FindAgent(string id) => Agents.FirstOrDefault(a => a.Id == id);

    /// <summary>The poll interval of <paramref name="agent"/>, or null for an agent the node pushes to.</summary>
    public TimeSpan? PollInterval(string agent) => Polls.FirstOrDefault(p => p.Agent == agent)?.Every;

    /// <summary>The failure that applies to a run of <paramref name="agent"/> started at <paramref name="at"/>, if any.</summary>
    public ScenarioFailure? FailureAt(string agent, TimeSpan at) =>
        Failures.FirstOrDefault(f => f.Agent == agent && at >= f.Start && at < (f.End ?? TimeSpan.MaxValue));

    /// <summary>The model an agent's calls are reported and priced under.</summary>
    public string ModelOf(ScenarioAgent agent) => agent.Model ?? Model;
}
