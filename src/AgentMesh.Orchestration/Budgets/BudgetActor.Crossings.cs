using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

public sealed partial class BudgetActor
{
    public const string SoftLimitAlert = "budget-soft-limit";
    public const string HardLimitAlert = "budget-hard-limit";

    /// <summary>
    /// Alerts on each crossing new in its period; suspends <paramref name="agentId"/> (the agent
    /// whose report this was) on any hard crossing, new or not. Answers whether a crossing was new:
    /// the caller then persists at once, so a crash right after the alert does not raise it again.
    /// </summary>
    private bool Act(IReadOnlyList<BudgetCrossing> crossings, string? agentId)
    {
        BudgetCrossing? hard = null;
        var anyNew = false;
        foreach (var crossing in crossings)
        {
            if (crossing.Severity == BudgetSeverity.Hard)
            {
                hard ??= crossing;
            }

            if (crossing.IsNew)
            {
                anyNew = true;
                Alert(crossing, agentId);
            }
        }

        if (hard is not null && agentId is not null)
        {
            Suspend(agentId, hard);
        }

        return anyNew;
    }

    private void Alert(BudgetCrossing crossing, string? agentId)
    {
        var description = crossing.Describe();
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["value"] = crossing.Value,
            ["threshold"] = crossing.Threshold,
            ["limit"] = crossing.LimitValue,
        };
        if (crossing.Severity == BudgetSeverity.Soft)
        {
            BudgetsLog.SoftLimitReached(Log, _scopeText, description);
            Publish(new AlertRaised(crossing.At, AlertSeverity.Warning, _scopeText, SoftLimitAlert, description + ".", figures));
            return;
        }

        var consequence = agentId is null
            ? "Agents that add to it are suspended while it stays over."
            : _scope.Kind == BudgetScopeKind.Agent
                ? $"Agent {agentId} is suspended."
                : $"Agent {agentId} is suspended, and every other agent that adds to it while it stays over.";
        Publish(new AlertRaised(crossing.At, AlertSeverity.Critical, _scopeText, HardLimitAlert, $"{description}. {consequence}", figures));
    }

    private void Suspend(string agentId, BudgetCrossing crossing)
    {
        if (!AgentId.TryCreate(agentId, out var agent))
        {
            BudgetsLog.NoAgentToSuspend(Log, _scopeText, agentId);
            return;
        }

        var description = crossing.Describe();
        BudgetsLog.HardLimitExceeded(Log, _scopeText, description, agentId);
        _peers.Agents.Tell(new SuspendAgent(agent, "budget " + description, SuspensionSource.Budget));
    }

    private void Publish(AlertRaised alert) => Context.System.EventStream.Publish(alert);
}
