using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Agents.Messages;

// What operators (admin API, CLI, dashboard) and budgets tell an agent's actor.

/// <summary>Who suspended an agent.</summary>
public enum SuspensionSource
{
    Operator,
    Budget,
}

/// <summary>Suspends the agent durably: its sessions stop, its inbox is held. Answered with <see cref="OperatorDone"/>.</summary>
public sealed record SuspendAgent(AgentId Agent, string Reason, SuspensionSource Source = SuspensionSource.Operator) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>Lifts a suspension. Answered with <see cref="OperatorDone"/>.</summary>
public sealed record ResumeAgent(AgentId Agent) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>Closes every open circuit and clears failure counts. Answered with <see cref="OperatorDone"/>.</summary>
public sealed record ResetAgent(AgentId Agent) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>Asks for the agent's <see cref="AgentView"/>; an agent never seen answers <see cref="AgentUnknown"/>.</summary>
public sealed record GetAgentView(AgentId Agent) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>The operator command was applied (or was already in effect).</summary>
public sealed record OperatorDone(AgentState State);

/// <summary>No agent with this id has ever connected or been configured.</summary>
public sealed record AgentUnknown(string AgentId);
