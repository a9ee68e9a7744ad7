using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Dedup;

/// <summary>
/// Remembers accepted message fingerprints for the cooldown, so that a repeat inside it is refused.
/// A fingerprint accepted at <c>t</c> blocks repeats during [<c>t</c>, <c>t + cooldown</c>); a
/// repeat is refused without extending that time, so a sender re-sending every minute gets one
/// copy through per cooldown.
/// </summary>
/// <remarks>
/// Single-threaded (owned by the recipient's actor). Entries expire in acceptance order from a
/// queue, a few on each call, so the work is amortised O(1) per accepted message; at most
/// <see cref="DedupPolicy.MaxEntries"/> entries are kept, the oldest forgotten first. Time never
/// runs backwards here: a <c>now</c> earlier than one already seen is taken as that one.
/// </remarks>
public sealed class DedupWindow
{
    private readonly DedupPolicy _policy;
    private readonly Dictionary<MessageFingerprint, Accepted> _accepted = [];

    // The same entries as _accepted, in acceptance order: the head is the next to expire.
    private readonly Queue<MessageFingerprint> _order = new();
    private long _latestTicks = long.MinValue;

    public DedupWindow(DedupPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    /// <summary>How many fingerprints (and idempotency keys) are remembered.</summary>
    public int Count => _accepted.Count;

    /// <summary>How many were forgotten before their cooldown ended because the window was full.</summary>
    public long EvictedEarly { get; private set; }

    /// <exception cref="FormatException">An entry's fingerprint is not hex of the right length.</exception>
    public static DedupWindow Restore(DedupPolicy policy, DedupWindowSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var window = new DedupWindow(policy) { EvictedEarly = snapshot.EvictedEarly };
        foreach (var entry in snapshot.Entries)
        {
            window.Remember(MessageFingerprint.Parse(entry.Fingerprint), new Accepted(entry.AcceptedAt.UtcTicks, entry.MessageId));
        }

        return window;
    }

    /// <summary>Accepts <paramref name="fingerprint"/> unless it was accepted within the cooldown.</summary>
    /// <summary>
    /// Whether a message would be dropped as a repeat, without remembering it: the actor decides with
    /// this and remembers through <see cref="TryAccept(MessageFingerprint, MessageFingerprint?, long, DateTimeOffset, out long)"/>
    /// when it applies the persisted event, so live handling and replay share one path.
    /// </summary>
    public bool IsRepeat(MessageFingerprint fingerprint, MessageFingerprint? idempotencyKey, DateTimeOffset now, out long originalMessageId)
    {
        Advance(now);
        if ((idempotencyKey is { } key && _accepted.TryGetValue(key, out var seen)) || _accepted.TryGetValue(fingerprint, out seen))
        {
            originalMessageId = seen.MessageId;
            return true;
        }

        originalMessageId = 0;
        return false;
    }

    public bool TryAccept(MessageFingerprint fingerprint, DateTimeOffset now) =>
        TryAccept(fingerprint, null, 0, now, out _);

    /// <summary>
    /// Accepts a message unless its fingerprint, or the sender's idempotency key when given, was
    /// accepted within the cooldown; an accepted message remembers both.
    /// </summary>
    /// <param name="fingerprint">The message's (sender, recipient, canonical body) fingerprint.</param>
    /// <param name="idempotencyKey">The sender's own key for the message, if it gave one (see <see cref="MessageFingerprint.ForIdempotencyKey"/>).</param>
    /// <param name="messageId">The id the message gets if accepted, remembered for its repeats.</param>
    /// <param name="originalMessageId">
    /// For a repeat, the id the first copy was accepted as; otherwise <paramref name="messageId"/>.
    /// </param>
    /// <param name="now">The current time.</param>
    public bool TryAccept(
        MessageFingerprint fingerprint,
        MessageFingerprint? idempotencyKey,
        long messageId,
        DateTimeOffset now,
        out long originalMessageId)
    {
        var ticks = Advance(now);
        if ((idempotencyKey is { } key && _accepted.TryGetValue(key, out var seen)) || _accepted.TryGetValue(fingerprint, out seen))
        {
            originalMessageId = seen.MessageId;
            return false;
        }

        var accepted = new Accepted(ticks, messageId);
        Remember(fingerprint, accepted);
        if (idempotencyKey is { } newKey && newKey != fingerprint)
        {
            Remember(newKey, accepted);
        }

        originalMessageId = messageId;
        return true;
    }

    public DedupWindowSnapshot ToSnapshot() =>
        new(
            [.. _order.Select(f => new DedupEntrySnapshot(
                f.ToString(), new DateTimeOffset(_accepted[f].Ticks, TimeSpan.Zero), _accepted[f].MessageId))],
            EvictedEarly);

    /// <summary>Forgets what expired by <paramref name="now"/> and answers the clamped time in ticks.</summary>
    private long Advance(DateTimeOffset now)
    {
        _latestTicks = Math.Max(_latestTicks, now.UtcTicks);
        var cooldown = _policy.Cooldown.Ticks;
        while (_order.TryPeek(out var oldest) && _latestTicks - _accepted[oldest].Ticks >= cooldown)
        {
            _accepted.Remove(_order.Dequeue());
        }

        return _latestTicks;
    }

    private void Remember(MessageFingerprint fingerprint, Accepted accepted)
    {
        if (_accepted.Count >= _policy.MaxEntries)
        {
            _accepted.Remove(_order.Dequeue());
            EvictedEarly++;
        }

        _accepted.Add(fingerprint, accepted);
        _order.Enqueue(fingerprint);
        _latestTicks = Math.Max(_latestTicks, accepted.Ticks);
    }

    private readonly record struct Accepted(long Ticks, long MessageId);
}
