using AgentMesh.Orchestration.Policies;

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

    // Ring of the latest transition times (UTC ticks); _next is the oldest once the ring is full.
    private readonly long[] _recent;
    private int _count;
    private int _next;

    public FlapDetector(FlapPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _recent = new long[policy.Transitions];
    }

    public bool IsFlapping { get; private set; }

    public LinkTransition? LastTransition { get; private set; }

    public DateTimeOffset? LastTransitionAt =>
        _count == 0 ? null : new DateTimeOffset(_recent[(_next + _recent.Length - 1) % _recent.Length], TimeSpan.Zero);

    /// <summary>When flapping may end if no transition comes first; <see langword="null"/> when not flapping.</summary>
    public DateTimeOffset? StableAt => IsFlapping ? LastTransitionAt + _policy.StablePeriod : null;

    public static FlapDetector Restore(FlapPolicy policy, FlapDetectorSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var detector = new FlapDetector(policy);
        var keep = Math.Min(snapshot.RecentTransitions.Length, detector._recent.Length);
        foreach (var at in snapshot.RecentTransitions.AsSpan(snapshot.RecentTransitions.Length - keep))
        {
            detector.Push(at.UtcTicks);
        }

        detector.LastTransition = snapshot.LastTransition;
        detector.IsFlapping = snapshot.IsFlapping;
        return detector;
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
        var ticks = Math.Max(now.UtcTicks, LastTransitionAt?.UtcTicks ?? long.MinValue);
        Push(ticks);
        LastTransition = transition;

        // The ring is full, so _next is the oldest of the latest Transitions times.
        if (!IsFlapping && _count == _recent.Length && ticks - _recent[_next] <= _policy.Window.Ticks)
        {
            IsFlapping = true;
        }

        return Change(wasFlapping, IsFlapping);
    }

    /// <summary>
    /// Ends flapping when the link has been stable for the period as of <paramref name="now"/>;
    /// meant for a timer set at <see cref="StableAt"/>.
    /// </summary>
    public FlapChange Evaluate(DateTimeOffset now)
    {
        if (IsFlapping && LastTransitionAt is { } last && now - last >= _policy.StablePeriod)
        {
            IsFlapping = false;
            return FlapChange.LeftFlapping;
        }

        return FlapChange.None;
    }

    public FlapDetectorSnapshot ToSnapshot()
    {
        var times = new DateTimeOffset[_count];
        for (var i = 0; i < _count; i++)
        {
            var slot = (_next + _recent.Length - _count + i) % _recent.Length;
            times[i] = new DateTimeOffset(_recent[slot], TimeSpan.Zero);
        }

        return new FlapDetectorSnapshot(times, LastTransition, IsFlapping);
    }

    private static FlapChange Change(bool before, bool after) => (before, after) switch
    {
        (false, true) => FlapChange.EnteredFlapping,
        (true, false) => FlapChange.LeftFlapping,
        _ => FlapChange.None,
    };

    private void Push(long ticks)
    {
        _recent[_next] = ticks;
        _next = (_next + 1) % _recent.Length;
        _count = Math.Min(_count + 1, _recent.Length);
    }
}
