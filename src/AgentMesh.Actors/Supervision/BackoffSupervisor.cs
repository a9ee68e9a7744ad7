namespace AgentMesh.Actors.Supervision;

/// <summary>
/// A parent that restarts its one child with exponentially growing, jittered delays, so a child that
/// fails on every start (a bad config, a store that is down) retries slowly instead of spinning.
/// Messages sent to the supervisor go to the child; while the child is down they go to dead letters.
/// </summary>
public static class BackoffSupervisor
{
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinBackoff <= TimeSpan.Zero || options.MaxBackoff < options.MinBackoff)
        {
            throw new ArgumentException("MinBackoff must be positive and not above MaxBackoff.", nameof(options));
        }

        if (options.RandomFactor is < 0 or > 1)
        {
            throw new ArgumentException("RandomFactor must be between 0 and 1.", nameof(options));
        }

        return Actors.Props.Create(() => new BackoffSupervisorActor(options));
    }

    /// <summary>Ask the supervisor for its child; the reply is a <see cref="CurrentChild"/>.</summary>
    public sealed record GetCurrentChild
    {
        public static readonly GetCurrentChild Instance = new();

        private GetCurrentChild()
        {
        }
    }

    /// <summary>The live child, or null while it is waiting to be restarted.</summary>
    public sealed record CurrentChild(IActorRef? Child);

    /// <summary>Ask the supervisor how many restarts in a row it has made; the reply is a <see cref="RestartCount"/>.</summary>
    public sealed record GetRestartCount
    {
        public static readonly GetRestartCount Instance = new();

        private GetRestartCount()
        {
        }
    }

    public sealed record RestartCount(int Count);
}
