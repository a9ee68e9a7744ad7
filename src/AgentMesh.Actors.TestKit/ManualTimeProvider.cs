using AgentMesh.Actors.Timers;

namespace AgentMesh.Actors.TestKit;

/// <summary>
/// The tests' clock: a <see cref="ManualClock"/> that starts at a fixed instant unless told otherwise,
/// so that logs and figures of a test run are reproducible.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset? start = null) : ManualClock(start ?? DefaultStart)
{
    /// <summary>The default start: a fixed instant, so logs and figures of a test run are reproducible.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
}
