namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// Session spawning and idling for one agent.
/// </summary>
/// <remarks>
/// The spawn limit is <see cref="MaxSpawns"/> per <see cref="SpawnWindow"/>, default 6 per 10
/// minutes. Messages collapse into the one active session per session key, so a healthy agent
/// spawns only when a session key starts or a session ended (idle, crash, reset): a few an hour.
/// Six in ten minutes leaves room for a crash-restart cycle or several session keys starting
/// together, while the field incident's loop (a spawn every ~10 s, 60 in ten minutes) is cut by
/// 90% before any budget is involved.
/// </remarks>
public sealed record SessionPolicy
{
    /// <summary>How many sessions one agent may spawn within <see cref="SpawnWindow"/>.</summary>
    public int MaxSpawns
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxSpawns));
            field = value;
        }
    } = 6;

    /// <summary>The sliding window of the spawn limit (a spawn counts for exactly this long).</summary>
    public TimeSpan SpawnWindow
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(SpawnWindow));
            field = value;
        }
    } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an active session may go without a message before it is stopped (<c>idle</c>).
    /// 30 minutes keeps a conversation with human-paced pauses in one session, yet releases a
    /// session's memory and MCP servers well within an hour of its last use.
    /// </summary>
    public TimeSpan IdleTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(IdleTimeout));
            field = value;
        }
    } = TimeSpan.FromMinutes(30);
}
