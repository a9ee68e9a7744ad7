using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Time;

namespace AgentMesh.Orchestration.Links;

/// <summary>
/// Decides when an agent's link is flapping: it enters flapping when the policy's count of
/// transitions fits in its window (first to last at most <see cref="FlapPolicy.Window"/> apart),
/// and leaves when <see cref="FlapPolicy.StablePeriod"/> has passed since the last transition
/// (exactly that long counts as stable). The transition history is kept when flapping ends, so a
/// link that starts flapping again right after is caught on its next transition.
/// </summary>
/// <remarks>
/// Single-threaded (owned by one actor); O(1) per call and memory bounded by the count, since only
/// the latest <see cref="FlapPolicy.Transitions"/> times decide. Time never runs backwards here: a
/// <c>now</c> earlier than the latest transition is taken as that transition's time.
/// </remarks>
public sealed class FlapDetector
{
    private readonly FlapPolicy _policy;
    private readonly TimeRing _recent;

    public FlapDetector(FlapPolicy policy)
        : this(policy, new TimeRing(policy?.Transitions ?? throw new ArgumentNullException(nameof(policy))))
    {
    }

    private FlapDetector(FlapPolicy policy, TimeRing recent)
    {
        _policy = policy;
        _recent = recent;
    }

    public bool IsFlapping { get; private set; }

    public LinkTransition? LastTransition { get; private set; }

    public DateTimeOffset? LastTransitionAt =>
        _recent.Count == 0 ? null : new DateTimeOffset(_recent.Latest, TimeSpan.Zero);

    /// <summary>When flapping may end if no transition comes first; <see langword="null"/> when not flapping.</summary>
    public DateTimeOffset? StableAt => IsFlapping ? LastTransitionAt + _policy.StablePeriod : null;

    public static FlapDetector Restore(FlapPolicy policy, FlapDetectorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new FlapDetector(policy, TimeRing.From(policy.Transitions, snapshot.RecentTransitions))
        {
            LastTransition = snapshot.LastTransition,
            IsFlapping = snapshot.IsFlapping,
        };
    }

    /// <summary>
    /// Records a transition at <paramref name="now"/>. Answers <see cref="FlapChange.EnteredFlapping"/>
    /// when it completes the count inside the window, and <see cref="FlapChange.LeftFlapping"/> when
    /// the link had been stable long enough before it (and it does not start flapping again).
    /// </summary>
    public FlapChange Record(LinkTransition transition, DateTimeOffset now)
    {
        var wasFlapping = IsFlapping;
        Evaluate(now);
        var ticks = _recent.Count == 0 ? now.UtcTicks : Math.Max(now.UtcTicks, _recent.Latest);
        _recent.Push(ticks);
        LastTransition = transition;
        if (!IsFlapping && _recent.IsFull && ticks - _recent.Oldest <= _policy.Window.Ticks)
        {
            IsFlapping = true;
        }

        return (wasFlapping, IsFlapping) switch
        {
            (false, true) => FlapChange.EnteredFlapping,
            (true, false) => FlapChange.LeftFlapping,
            _ => FlapChange.None,
        };
    }

    /// <summary>
    /// Ends flapping when the link has been stable for the period as of <paramref name="now"/>;
    /// meant for a timer set at <see cref="StableAt"/>.
    /// </summary>
    public FlapChange Evaluate(DateTimeOffset now)
    {
        if (IsFlapping && now - LastTransitionAt >= _policy.StablePeriod)
        {
            IsFlapping = false;
            return FlapChange.LeftFlapping;
        }

        return FlapChange.None;
    }

    public FlapDetectorSnapshot ToSnapshot() => new(_recent.ToArray(), LastTransition, IsFlapping);
}
