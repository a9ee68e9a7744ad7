using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Watch;

/// <summary>
/// "Nudge on change, never on presence": decides, once per watch tick, whether to wake an agent.
/// The high-water mark is the highest message id already nudged or delivered; a tick nudges only
/// when the inbox's highest id is strictly greater, and the mark then moves up to it, so unread
/// messages that nobody takes never cause a second nudge.
/// </summary>
/// <remarks>
/// <para>When the inbox cannot be read the gate degrades to blind nudges: at most one per tick,
/// on the 1st, 2nd, 4th, 8th, … failing tick of a run (the gap doubling up to
/// <see cref="WatchPolicy.MaxDegradedNudgeGapTicks"/>), and raises an alert on the
/// <see cref="WatchPolicy.AlertAfterFailures"/>-th failure in a row. A blind nudge has no newest
/// id and does not move the mark. A successful read ends the run.</para>
/// <para>Ticks, not clock time, drive the back-off, because the watch calls the gate once per tick;
/// a late timer therefore cannot let two blind nudges through in one tick. Single-threaded.</para>
/// </remarks>
public sealed class NudgeGate
{
    private readonly WatchPolicy _policy;
    private int _degradedNudges;
    private int _nextDegradedNudgeAtFailure = 1;

    public NudgeGate(WatchPolicy policy, long highWaterMark = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        HighWaterMark = highWaterMark;
    }

    public long HighWaterMark { get; private set; }

    public int ConsecutiveReadFailures { get; private set; }

    public static NudgeGate Restore(WatchPolicy policy, NudgeGateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new NudgeGate(policy, snapshot.HighWaterMark)
        {
            ConsecutiveReadFailures = snapshot.ConsecutiveReadFailures,
            _degradedNudges = snapshot.DegradedNudges,
            _nextDegradedNudgeAtFailure = snapshot.NextDegradedNudgeAtFailure,
        };
    }

    /// <summary>A tick whose read found <paramref name="highestId"/> as the inbox's highest message id.</summary>
    public NudgeDecision OnInboxRead(long highestId)
    {
        ConsecutiveReadFailures = 0;
        _degradedNudges = 0;
        _nextDegradedNudgeAtFailure = 1;
        if (highestId <= HighWaterMark)
        {
            return NudgeDecision.None;
        }

        HighWaterMark = highestId;
        return new NudgeDecision(NudgeKind.Nudge, highestId, false, 0);
    }

    /// <summary>A message was handed to the agent (<c>deliver</c>): it needs no nudge for it.</summary>
    public void OnDelivered(long messageId) => HighWaterMark = Math.Max(HighWaterMark, messageId);

    /// <summary>A tick whose inbox read failed.</summary>
    public NudgeDecision OnInboxReadFailed()
    {
        ConsecutiveReadFailures++;
        var raiseAlert = ConsecutiveReadFailures == _policy.AlertAfterFailures;
        if (ConsecutiveReadFailures < _nextDegradedNudgeAtFailure)
        {
            return new NudgeDecision(NudgeKind.None, null, raiseAlert, ConsecutiveReadFailures);
        }

        _degradedNudges++;
        var gap = _degradedNudges >= 31 ? int.MaxValue : 1 << (_degradedNudges - 1);
        _nextDegradedNudgeAtFailure = ConsecutiveReadFailures + Math.Min(gap, _policy.MaxDegradedNudgeGapTicks);
        return new NudgeDecision(NudgeKind.DegradedNudge, null, raiseAlert, ConsecutiveReadFailures);
    }

    public NudgeGateSnapshot ToSnapshot() =>
        new(HighWaterMark, ConsecutiveReadFailures, _degradedNudges, _nextDegradedNudgeAtFailure);
}
