namespace AgentMesh.Cli.Simulation;

/// <summary>A simulated agent process: what a fresh session loads, what each turn costs, how long a turn takes.</summary>
internal sealed record ScenarioAgent
{
    public required string Id { get; init; }

    /// <summary>Tokens a fresh session loads before any work (the link's <c>contextTokens</c>).</summary>
    public required long ContextTokens { get; init; }

    /// <summary>New input tokens of one turn (the message itself, tool results).</summary>
    public long TurnInputTokens { get; init; } = 500;

    public long OutputTokens { get; init; } = 600;

    /// <summary>
    /// True: later turns of a session read the context and the conversation so far from the prompt
    /// cache (reported as cached input). False: they send it again as uncached input.
    /// </summary>
    public bool CachesContext { get; init; } = true;

    /// <summary>How long one model call takes (simulated time).</summary>
    public TimeSpan TurnTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rooms the agent joins in its hello.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    /// <summary>A person's chat client on the link: it never calls a model.</summary>
    public bool Human { get; init; }

    /// <summary>The provider/model of its calls; the scenario's model when null.</summary>
    public string? Model { get; init; }

    /// <summary>When set, every successful turn asks for more sessions (a fan-out of sub-agents).</summary>
    public ScenarioSubagents? Subagents { get; init; }
}
