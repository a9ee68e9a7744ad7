using AgentMesh.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Actors;

/// <summary>
/// Base class of every actor. The kernel calls <see cref="OnReceive"/> with one message at a time;
/// state kept in fields needs no locks. An actor must not hand out references to its own state or
/// touch <see cref="Context"/> from other threads (e.g. after an <c>await</c>): send a message to
/// <see cref="Self"/> instead.
/// </summary>
public abstract class Actor
{
    private readonly ActorCell _cell;

    protected Actor()
    {
        _cell = ActorCell.CurrentlyCreating
            ?? throw new InvalidOperationException(
                "An actor can only be created by the kernel, through Props passed to Spawn.");
    }

    /// <summary>The context of this actor; valid only while the kernel runs one of its methods.</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell;

    /// <summary>The sender of the message being processed, or <see cref="Nobody"/>.</summary>
    protected IActorRef Sender => _cell.Sender;

    protected ILogger Log => _cell.System.LoggerFor(GetType());

    /// <summary>Handles one message. Call <see cref="Unhandled"/> for messages this behaviour does not know.</summary>
    protected abstract void OnReceive(object message);

    /// <summary>Called once before the first message of every incarnation (not after a restart unless <see cref="PostRestart"/> calls it).</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Called after the actor stopped; its children have stopped before.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>
    /// Called on the failed incarnation before it is replaced. The default stops every child and
    /// calls <see cref="PostStop"/>, like Akka.
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Called on the fresh incarnation after a restart. The default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children when its props name no strategy.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.Default;

    /// <summary>
    /// Marks a message as not handled: an unhandled <see cref="Terminated"/> fails the actor with a
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message) => _cell.Unhandled(message);

    /// <summary>The cell of this actor, for kernel extensions in other assemblies (persistence).</summary>
    internal ActorCell Cell => _cell;

    // The kernel's entry points; the hooks stay protected so user actors override them without
    // having to match an internal accessibility.
    internal void InvokeReceive(object message) => OnReceive(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
