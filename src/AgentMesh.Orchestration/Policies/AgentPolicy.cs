namespace AgentMesh.Orchestration.Policies;

/// <summary>Every policy that governs one agent, each with the DESIGN.md defaults.</summary>
public sealed record AgentPolicy
{
    public FlapPolicy Flap { get; init; } = new();

    public DedupPolicy Dedup { get; init; } = new();

    public SessionPolicy Session { get; init; } = new();

    public CircuitPolicy Circuit { get; init; } = new();

    public RetryPolicy Retry { get; init; } = new();

    public WatchPolicy Watch { get; init; } = new();

    /// <summary>This policy with <paramref name="changes"/> merged over it, field by field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A changed value is out of its range.</exception>
    public AgentPolicy With(AgentPolicyOverride changes) => new()
    {
        Flap = changes.Flap?.ApplyTo(Flap) ?? Flap,
        Dedup = changes.Dedup?.ApplyTo(Dedup) ?? Dedup,
        Session = changes.Session?.ApplyTo(Session) ?? Session,
        Circuit = changes.Circuit?.ApplyTo(Circuit) ?? Circuit,
        Retry = changes.Retry?.ApplyTo(Retry) ?? Retry,
        Watch = changes.Watch?.ApplyTo(Watch) ?? Watch,
    };
}
