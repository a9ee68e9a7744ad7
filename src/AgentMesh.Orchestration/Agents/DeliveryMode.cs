namespace AgentMesh.Orchestration.Agents;

/// <summary>How an agent receives its messages.</summary>
public enum DeliveryMode
{
    /// <summary>The node sends <c>deliver</c> frames as messages arrive (the default).</summary>
    Push,

    /// <summary>The node only nudges on its periodic check-in; the agent pulls with <c>fetch</c>.</summary>
    Poll,
}
