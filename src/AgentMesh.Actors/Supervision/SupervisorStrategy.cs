namespace AgentMesh.Actors.Supervision;

/// <summary>
/// How a parent handles a child's failure: a decider maps the exception to a <see cref="Directive"/>,
/// and restarts are limited to <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>
/// (measured on the system's <see cref="TimeProvider"/>); past the limit the child is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>One-for-one, unlimited restarts, with <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy Default = new OneForOneStrategy();

    /// <summary>Stop every failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(decider: static _ => Directive.Stop);

    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive>? decider)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider ?? DefaultDecider;
    }

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window the retry count applies to; null means over the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>True when a directive applies to every child, not only the failed one.</summary>
    public abstract bool AppliesToAllChildren { get; }

    /// <summary>
    /// Akka's default: a failure to start (<see cref="ActorInitializationException"/>), a kill and an
    /// unhandled <see cref="Terminated"/> stop the child — restarting a constructor that throws every
    /// time would be a tight loop; use a backoff supervisor to retry those — anything else restarts it.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    internal Directive Decide(Exception cause) => Decider(cause);
}
