namespace AgentMesh.Persistence;

/// <summary>
/// The one timestamp representation every back end keeps: UTC with microsecond precision, which is
/// what PostgreSQL's <c>timestamptz</c> holds. The in-memory and SQLite stores round the same way so
/// that all back ends return equal values.
/// </summary>
internal static class StoredTimestamp
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Microseconds since the Unix epoch, rounded down (also before 1970).</summary>
    public static long ToUnixMicroseconds(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks - DateTime.UnixEpoch.Ticks;
        return ticks >= 0 ? ticks / TicksPerMicrosecond : -((-ticks + TicksPerMicrosecond - 1) / TicksPerMicrosecond);
    }

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    public static DateTimeOffset Normalize(DateTimeOffset timestamp) =>
        FromUnixMicroseconds(ToUnixMicroseconds(timestamp));
}
