namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="FlapPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record FlapPolicyOverride
{
    public int? Transitions { get; init; }

    public TimeSpan? Window { get; init; }

    public TimeSpan? StablePeriod { get; init; }

    public FlapPolicy ApplyTo(FlapPolicy policy) => policy with
    {
        Transitions = Transitions ?? policy.Transitions,
        Window = Window ?? policy.Window,
        StablePeriod = StablePeriod ?? policy.StablePeriod,
    };
}
