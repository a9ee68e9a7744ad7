using AgentMesh.Actors;
using AgentMesh.Orchestration.Alerts;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>What <see cref="BudgetAccounting.Start"/> needs: budget options, the agents to suspend, the alert log and the webhook.</summary>
public sealed record BudgetEnvironment
{
    public BudgetOptions Options { get; init; } = new();

    /// <summary>
    /// The agents' shard region, told <c>SuspendAgent</c> on a hard crossing. Null when the agents
    /// region starts after the budgets (it needs the budgets region in its own environment): then
    /// call <see cref="BudgetAccounting.BindAgents"/> once it runs; suspensions wait until then.
    /// </summary>
    public IActorRef? Agents { get; init; }

    public AlertLogOptions AlertLog { get; init; } = new();

    /// <summary>The alert webhook; null runs without one.</summary>
    public AlertWebhookOptions? Webhook { get; init; }

    /// <summary>The client the webhook POSTs with (the caller owns it); null lets the webhook make and own one.</summary>
    public HttpClient? WebhookClient { get; init; }

    /// <summary>
    /// Persist every running budget's in-memory tallies during coordinated shutdown (default true), so a
    /// graceful stop loses no accounting; a crash still loses at most <see cref="BudgetOptions.PersistInterval"/>.
    /// </summary>
    public bool FlushOnShutdown { get; init; } = true;

    /// <summary>How long a budget may be idle before its region passivates it (it persists its tallies first); null keeps it.</summary>
    public TimeSpan? PassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(30);
}
