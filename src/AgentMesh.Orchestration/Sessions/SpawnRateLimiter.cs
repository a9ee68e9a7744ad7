using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Time;

namespace AgentMesh.Orchestration.Sessions;

/// <summary>
/// The per-agent spawn limit: at most <see cref="SessionPolicy.MaxSpawns"/> spawns in any
/// <see cref="SessionPolicy.SpawnWindow"/>, sliding. A spawn at <c>t</c> counts during
/// [<c>t</c>, <c>t + window</c>).
/// </summary>
/// <remarks>
/// Single-threaded (owned by the agent's actor); O(1) amortised, memory bounded by
/// <see cref="SessionPolicy.MaxSpawns"/>. Time never runs backwards here.
/// </remarks>
public sealed class SpawnRateLimiter
{
    private readonly SessionPolicy _policy;
    private readonly TimeRing _spawns;

    public SpawnRateLimiter(SessionPolicy policy)
        : this(policy, new TimeRing(policy?.MaxSpawns ?? throw new ArgumentNullException(nameof(policy))))
    {
    }

    private SpawnRateLimiter(SessionPolicy policy, TimeRing spawns)
    {
        _policy = policy;
        _spawns = spawns;
    }

    public static SpawnRateLimiter Restore(SessionPolicy policy, SpawnRateLimiterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(snapshot);
        return new SpawnRateLimiter(policy, TimeRing.From(policy.MaxSpawns, snapshot.Spawns));
    }

    /// <summary>Takes a spawn at <paramref name="now"/> if the window has room; otherwise changes nothing.</summary>
    public bool TryAcquire(DateTimeOffset now)
    {
        var ticks = Expire(now);
        if (_spawns.IsFull)
        {
            return false;
        }

        _spawns.Push(ticks);
        return true;
    }

    /// <summary>Spawns that still count at <paramref name="now"/>.</summary>
    public int CountAt(DateTimeOffset now)
    {
        Expire(now);
        return _spawns.Count;
    }

    /// <summary>When the next spawn will be allowed: <paramref name="now"/> itself when one is allowed now.</summary>
    public DateTimeOffset NextAllowedAt(DateTimeOffset now)
    {
        var ticks = Expire(now);
        return new DateTimeOffset(_spawns.IsFull ? _spawns.Oldest + _policy.SpawnWindow.Ticks : ticks, TimeSpan.Zero);
    }

    public SpawnRateLimiterSnapshot ToSnapshot() => new(_spawns.ToArray());

    /// <summary>Drops the spawns that stopped counting by <paramref name="now"/>; answers the clamped time in ticks.</summary>
    private long Expire(DateTimeOffset now)
    {
        var ticks = _spawns.Count == 0 ? now.UtcTicks : Math.Max(now.UtcTicks, _spawns.Latest);
        while (_spawns.Count > 0 && ticks - _spawns.Oldest >= _policy.SpawnWindow.Ticks)
        {
            _spawns.DropOldest();
        }

        return ticks;
    }
}
