using AgentMesh.Actors.Supervision;

namespace AgentMesh.Actors;

/// <summary>The root, <c>/user</c> and <c>/system</c> guardians: they only supervise.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : Actor
{
    protected internal override void OnReceive(object message) => Unhandled(message);

    protected internal override SupervisorStrategy SupervisorStrategy() => strategy;
}
