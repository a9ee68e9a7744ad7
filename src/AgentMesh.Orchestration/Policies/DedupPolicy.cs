namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// Duplicate suppression: a message whose (sender, recipient, canonical body) was accepted less
/// than <see cref="Cooldown"/> ago is dropped and the sender told <c>duplicate</c>. Default from
/// DESIGN.md: 5 minutes, longer than the 60–90 second re-send cycle of the field incident.
/// </summary>
public sealed record DedupPolicy
{
    /// <summary>How long an accepted fingerprint blocks its repeats (half-open: a repeat exactly this much later is accepted).</summary>
    public TimeSpan Cooldown
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(Cooldown));
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most fingerprints one window remembers. Past it, the oldest is forgotten before its
    /// cooldown ends, so memory stays bounded even under a flood. 10,000 is 33 distinct messages a
    /// second for 5 minutes per recipient, far above any conversation, and about 1 MB at worst.
    /// </summary>
    public int MaxEntries
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxEntries));
            field = value;
        }
    } = 10_000;
}
