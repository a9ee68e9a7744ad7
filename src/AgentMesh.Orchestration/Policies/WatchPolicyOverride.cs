namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="WatchPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record WatchPolicyOverride
{
    public TimeSpan? Interval { get; init; }

    public int? AlertAfterFailures { get; init; }

    public TimeSpan? MaxDegradedNudgeInterval { get; init; }

    public WatchPolicy ApplyTo(WatchPolicy policy) => policy with
    {
        Interval = Interval ?? policy.Interval,
        AlertAfterFailures = AlertAfterFailures ?? policy.AlertAfterFailures,
        MaxDegradedNudgeInterval = MaxDegradedNudgeInterval ?? policy.MaxDegradedNudgeInterval,
    };
}
