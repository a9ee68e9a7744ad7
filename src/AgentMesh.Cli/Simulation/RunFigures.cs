namespace AgentMesh.Cli.Simulation;

/// <summary>What one run of a scenario spent and when it was caught; the same shape for AgentMesh and the bridge.</summary>
internal sealed record RunFigures
{
    public required string Run { get; init; }

    public required long Sessions { get; init; }

    public required long ModelCalls { get; init; }

    public required long FailedRuns { get; init; }

    public required long InputTokens { get; init; }

    public required long CachedInputTokens { get; init; }

    public required long OutputTokens { get; init; }

    /// <summary>Messages handed to a model: deliveries (AgentMesh), forwards and poll ticks (bridge).</summary>
    public required long Runs { get; init; }

    public long MessagesAccepted { get; init; }

    public long DuplicatesDropped { get; init; }

    public long Refused { get; init; }

    public long Nudges { get; init; }

    public long Welcomes { get; init; }

    /// <summary>Seconds of simulated time to the first alert; null when none was raised.</summary>
    public double? FirstAlertSeconds { get; init; }

    public string? FirstAlertKind { get; init; }

    /// <summary>Seconds to the first containment (suspension, open circuit, flapping quarantine); null when none was needed or none happened.</summary>
    public double? ContainmentSeconds { get; init; }

    public string? ContainedBy { get; init; }

    public required IReadOnlyList<ProviderCost> Costs { get; init; }

    public IReadOnlyList<AlertSummary> Alerts { get; init; } = [];

    public required IReadOnlyList<SeriesPoint> Series { get; init; }

    /// <summary>The bridge's uncached input of each poll tick, in order (the superlinear nudge's curve).</summary>
    public IReadOnlyList<long> PollTickInputs { get; init; } = [];
}
