using AgentMesh.Actors.Timers;

namespace AgentMesh.Actors;

/// <summary>What an actor may do while it processes a message. Use it only on the actor's own turn.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    IEnumerable<IActorRef> Children { get; }

    /// <summary>The live child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Starts a child. A name already used by a live child throws <see cref="InvalidActorNameException"/>.</summary>
    IActorRef Spawn(Props props, string? name = null);

    /// <summary>Stops a child or this actor, after the message being processed.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> exactly once when <paramref name="actor"/> stops, also if it is already dead.</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>Stops watching; no <see cref="Terminated"/> for it is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef actor);

    /// <summary>Replaces (or, with <paramref name="discardOld"/> false, pushes over) the current behaviour.</summary>
    void Become(Receive behavior, bool discardOld = true);

    /// <summary>Returns to the behaviour below the current one (the actor's <c>OnReceive</c> at the bottom).</summary>
    void Unbecome();

    /// <summary>Keeps the current message aside until <see cref="UnstashAll"/>. Stashed messages survive a restart.</summary>
    void Stash();

    /// <summary>Puts every stashed message back in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>
    /// Sends <see cref="ReceiveTimeout"/> after this long without a message; null turns it off.
    /// Messages implementing <see cref="INotInfluenceReceiveTimeout"/> do not reset it.
    /// </summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Keyed timers on the system's <see cref="TimeProvider"/>, cancelled on stop and restart.</summary>
    ITimerScheduler Timers { get; }
}

/// <summary>A behaviour: handles one message.</summary>
public delegate void Receive(object message);
