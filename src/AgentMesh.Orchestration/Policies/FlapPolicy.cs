namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// When a link is flapping: <see cref="Transitions"/> link transitions (up or down) within
/// <see cref="Window"/> put the agent in <c>flapping</c>, where nothing costly happens; it leaves
/// after <see cref="StablePeriod"/> without a transition. Defaults from DESIGN.md: 4 in 2 minutes,
/// stable for 60 seconds. A reconnect is two transitions (down, up), so two reconnects inside
/// two minutes are enough: the field incident re-discovered an agent every 60–90 seconds.
/// </summary>
public sealed record FlapPolicy
{
    /// <summary>How many transitions inside <see cref="Window"/> mean flapping (at least 2).</summary>
    public int Transitions
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2, nameof(Transitions));
            field = value;
        }
    } = 4;

    /// <summary>
    /// The span the transitions must fit in, inclusive: the first and the last of them may be
    /// exactly this far apart.
    /// </summary>
    public TimeSpan Window
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(Window));
            field = value;
        }
    } = TimeSpan.FromMinutes(2);

    /// <summary>How long the link must go without a transition before flapping ends (inclusive).</summary>
    public TimeSpan StablePeriod
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(StablePeriod));
            field = value;
        }
    } = TimeSpan.FromSeconds(60);
}
