using AgentMesh.Actors.Supervision;

namespace AgentMesh.Actors;

/// <summary>
/// How to make an actor: a factory called on start and on every restart (so state is never
/// shared between incarnations), the strategy it uses to supervise its children, and mailbox
/// options. Immutable; vary it with <c>with</c>.
/// </summary>
public sealed record Props(Func<Actor> Factory)
{
    /// <summary>How this actor supervises its children; null means the actor's own (default one-for-one restart).</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    public MailboxOptions Mailbox { get; init; } = MailboxOptions.Default;

    public static Props Create<TActor>()
        where TActor : Actor, new() => new(static () => new TActor());

    public static Props Create(Func<Actor> factory) => new(factory);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => this with { SupervisorStrategy = strategy };
}
