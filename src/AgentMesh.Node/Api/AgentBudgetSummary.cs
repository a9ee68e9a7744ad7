using AgentMesh.Orchestration.Budgets;

namespace AgentMesh.Node.Api;

/// <summary>
/// The <c>budget</c> field this node adds to each agent of <c>GET /api/agents</c> and
/// <c>GET /api/agents/{id}</c> (an extension of spec/admin-api.md): the agent's own budget scope,
/// its token velocity now, its spend today and the limits in force, so that a list of agents shows
/// tokens per minute and spend today without a second call.
/// </summary>
public sealed record AgentBudgetSummary(string Scope, decimal TokensPerMinute, UsageTally Today, BudgetLimits Limits);
