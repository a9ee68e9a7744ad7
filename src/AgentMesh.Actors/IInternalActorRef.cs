using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors;

/// <summary>A ref that also takes the kernel's system messages (watch, stop, failure, ...).</summary>
internal interface IInternalActorRef : IActorRef
{
    /// <summary>Delivers a system message; a dead target handles it as dead (a watch is answered at once).</summary>
    void SendSystemMessage(SystemMessage message);

    bool IsTerminated { get; }

    /// <summary>The system the ref belongs to (asks use its clock).</summary>
    ActorSystem System { get; }
}
