using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    private readonly HashSet<string> _unpricedModelsReported = new(StringComparer.Ordinal);

    private void HandleUsage(UsageReport usage)
    {
        var now = Now;
        if (!ModelKey.TryCreate(usage.Provider, usage.Model, out var model, out _))
        {
            return;
        }

        _lastModel = model;
        var priced = _environment.Prices.TryPrice(model, usage.InputTokens, usage.CachedInputTokens, usage.OutputTokens, out var tally);
        if (!priced)
        {
            ReportUnpriced(model);
        }

        _record.InputTokens += tally.InputTokens;
        _record.CachedInputTokens += tally.CachedInputTokens;
        _record.OutputTokens += tally.OutputTokens;
        _record.CostUsd += tally.CostUsd;
        Publish(new UsageRecorded(_agent.Value, now, usage.Provider, usage.Model, usage.InputTokens, usage.CachedInputTokens, usage.OutputTokens, priced ? tally.CostUsd : null));
        ReportToBudgets(tally, spawn: false, priced, model, now);
    }

    /// <summary>A session load: one spawn, and its context tokens as input, priced at the agent's last model when there is one.</summary>
    private void HandleSessionStarted(SessionStartedReport started)
    {
        var now = Now;
        var contextTokens = started.ContextTokens ?? _helloContextTokens ?? 0;
        var tally = new UsageTally(contextTokens, 0, 0, 0);
        var priced = false;
        if (_lastModel is { } model && _environment.Prices.TryPrice(model, contextTokens, 0, 0, out var pricedTally))
        {
            tally = pricedTally;
            priced = true;
        }

        _record.InputTokens += tally.InputTokens;
        _record.CostUsd += tally.CostUsd;
        ReportToBudgets(tally, spawn: true, priced, _lastModel, now);
    }

    private void ReportToBudgets(UsageTally tally, bool spawn, bool priced, ModelKey? model, DateTimeOffset now)
    {
        if (_environment.Budgets is not { } budgets)
        {
            return;
        }

        budgets.Tell(new RecordBudgetUsage(BudgetScope.Global, _agent.Value, tally, spawn, priced, now));
        budgets.Tell(new RecordBudgetUsage(BudgetScope.ForNode(_environment.NodeName), _agent.Value, tally, spawn, priced, now));
        budgets.Tell(new RecordBudgetUsage(BudgetScope.ForAgent(_agent), _agent.Value, tally, spawn, priced, now));
        if (model is { } known)
        {
            budgets.Tell(new RecordBudgetUsage(BudgetScope.ForModel(known), _agent.Value, tally, spawn, priced, now));
        }
    }

    private void ReportUnpriced(ModelKey model)
    {
        if (_unpricedModelsReported.Add(model.ToString()))
        {
            RaiseAlert(
                AlertSeverity.Warning,
                "unpriced-model",
                $"Agent {_agent} uses {model}, which has no price in the price table: its tokens are tallied, its cost is not. Add it under AgentMesh:Prices.");
        }
    }
}
