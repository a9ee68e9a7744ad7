namespace AgentMesh.Orchestration.Ids;

/// <summary>What a budget scope covers.</summary>
public enum BudgetScopeKind
{
    /// <summary>Every agent on every node: <c>global</c>.</summary>
    Global,

    /// <summary>Every agent owned by one node: <c>node:&lt;name&gt;</c>.</summary>
    Node,

    /// <summary>One agent across all of its sessions: <c>agent:&lt;id&gt;</c>.</summary>
    Agent,

    /// <summary>One provider's model, whoever calls it: <c>model:&lt;provider&gt;/&lt;model&gt;</c>.</summary>
    Model,
}
