using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentMesh.Actors;

/// <summary>Settings of an actor system. Immutable; vary with <c>with</c>.</summary>
public sealed record ActorSystemOptions
{
    public static readonly ActorSystemOptions Default = new();

    /// <summary>The clock of every timer, receive timeout, backoff, restart window and ask timeout in the system.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The clock of shutdown timeouts. Separate from <see cref="TimeProvider"/> because a stuck actor
    /// blocks a real thread: a node on a simulated clock still has to give up after real seconds.
    /// </summary>
    public TimeProvider ShutdownTimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Host of this system's address when it is reachable from other nodes; null for a local-only system.</summary>
    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>How long each coordinated-shutdown phase, and stopping the actor tree, may take.</summary>
    public TimeSpan ShutdownPhaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Dead letters logged one by one before the log switches to periodic summaries.</summary>
    public int DeadLetterLogLimit { get; init; } = 10;
}
