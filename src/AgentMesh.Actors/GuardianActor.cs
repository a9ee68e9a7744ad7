using AgentMesh.Actors.Supervision;

namespace AgentMesh.Actors;

/// <summary>The root, <c>/user</c> and <c>/system</c> guardians: they only supervise.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : Actor
{
    protected override void OnReceive(object message) => Unhandled(message);

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
