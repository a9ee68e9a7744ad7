namespace AgentMesh.Cli.Agent;

/// <summary>What <c>agentmesh agent run</c> was asked to run: one agent, one node, one model endpoint.</summary>
internal sealed record AgentHostOptions
{
    /// <summary>The agent's stable id.</summary>
    public required string AgentId { get; init; }

    /// <summary>The node's agent link, <c>ws://host:port/agents/link</c>.</summary>
    public required Uri NodeUri { get; init; }

    /// <summary>The agent token sent on the upgrade; none in development.</summary>
    public string? Token { get; init; }

    /// <summary>The OpenAI-compatible API root; calls go to <c>{BaseUrl}/chat/completions</c>.</summary>
    public required Uri BaseUrl { get; init; }

    public required string Model { get; init; }

    /// <summary>The provider name usage is reported under (prices are looked up as provider/model).</summary>
    public required string Provider { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> to the model endpoint; none for a local server.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The first message of every conversation; none leaves it out.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The <c>contextTokens</c> of <c>hello</c> and <c>session-started</c>: what a fresh session loads.</summary>
    public long ContextTokens { get; init; }

    /// <summary>The bound on one model call; a call that takes longer fails as retryable.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How many inbox messages one <c>fetch</c> asks for after a <c>nudge</c>.</summary>
    public int FetchLimit { get; init; } = 50;

    /// <summary>The longest wait between two attempts of the first connection; later reconnects are the client's.</summary>
    public TimeSpan FirstConnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Roughly 4 characters a token, the usual rule for English text; a rough estimate of a system prompt's size.</summary>
    public static long EstimateTokens(string? text) => text is null ? 0 : (text.Length + 3) / 4;
}
