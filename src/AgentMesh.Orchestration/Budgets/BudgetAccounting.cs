using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.Shutdown;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence.Eventsourcing;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Starts and holds the budgets of a node: the alert log, the webhook (when configured), the
/// budget directory and the budgets' shard region (entity id = the scope's text). Start it before
/// the agents' region, pass <see cref="Budgets"/> as <c>AgentEnvironment.Budgets</c>, then
/// <see cref="BindAgents"/> the agents' region (or name it in <see cref="BudgetEnvironment.Agents"/>).
/// </summary>
/// <remarks>
/// Requires <see cref="PersistenceExtension"/> with <c>BudgetJournal.Register</c> and
/// <c>AlertJournal.Register</c> in its serializer. On a single node the directory, alert log and
/// webhook are system actors; a cluster would run them as singletons.
/// </remarks>
public sealed class BudgetAccounting
{
    public const string RegionName = "budgets";

    private readonly IActorRef? _relay;
    private readonly ILogger _logger;

    private BudgetAccounting(IActorRef budgets, IActorRef directory, IActorRef alertLog, IActorRef? webhook, IActorRef? relay, ILogger logger)
    {
        Budgets = budgets;
        Directory = directory;
        AlertLog = alertLog;
        Webhook = webhook;
        _relay = relay;
        _logger = logger;
    }

    /// <summary>The budgets' shard region: <see cref="RecordBudgetUsage"/>, <see cref="GetBudgetView"/>, <see cref="SetBudgetLimits"/>, <see cref="FlushBudget"/>.</summary>
    public IActorRef Budgets { get; }

    /// <summary>The budget directory: <see cref="GetBudgetScopes"/>.</summary>
    public IActorRef Directory { get; }

    /// <summary>The alert log: <see cref="GetAlerts"/>.</summary>
    public IActorRef AlertLog { get; }

    /// <summary>The alert webhook, or null when none is configured.</summary>
    public IActorRef? Webhook { get; }

    /// <exception cref="InvalidOperationException">The system has no <see cref="PersistenceExtension"/>.</exception>
    public static BudgetAccounting Start(ActorSystem system, BudgetEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(environment);
        PersistenceExtension.Get(system);

        // The alert log first, subscribed before anything else starts, so it hears every alert
        // (its mailbox holds them until it has recovered).
        var alertLog = system.SpawnSystemActor(AlertLogActor.Props(environment.AlertLog), AlertLogActor.Name);
        system.EventStream.Subscribe<AlertRaised>(alertLog);
        IActorRef? webhook = null;
        if (environment.Webhook is { } hook)
        {
            webhook = system.SpawnSystemActor(AlertWebhookActor.Props(hook, environment.WebhookClient), AlertWebhookActor.Name);
            system.EventStream.Subscribe<AlertLogged>(webhook);
        }

        var directory = system.SpawnSystemActor(BudgetDirectoryActor.Props(environment.Options), BudgetDirectoryActor.Name);
        var relay = environment.Agents is null ? system.SpawnSystemActor(Props.Create(() => new AgentsRelay()), AgentsRelay.Name) : null;
        var peers = new BudgetPeers(environment.Agents ?? relay!, directory); // One of the two is set.
        var options = environment.Options;
        var region = ShardRegion.Start(system, new ShardRegionOptions(RegionName, id => BudgetActor.Props(new BudgetScope(id), options, peers))
        {
            PassivateIdleAfter = environment.PassivateIdleAfter,
            StopMessage = BudgetActor.StopBudget.Instance,
        });

        var accounting = new BudgetAccounting(region, directory, alertLog, webhook, relay, system.LoggerFactory.CreateLogger<BudgetAccounting>());
        if (environment.FlushOnShutdown)
        {
            // After the services and the cluster stop reporting, before the actors (and then the store) go.
            system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "flush-budgets", accounting.FlushAsync);
        }

        return accounting;
    }

    /// <summary>Gives the budgets the agents' region to suspend through; suspensions told before are delivered now.</summary>
    /// <exception cref="InvalidOperationException">The agents' region was given at start.</exception>
    public void BindAgents(IActorRef agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (_relay is null)
        {
            throw new InvalidOperationException("The agents' region was given in BudgetEnvironment.Agents at start; there is nothing to bind.");
        }

        _relay.Tell(new AgentsRelay.Bind(agents));
    }

    /// <summary>
    /// The view of every scope the directory lists, in its order. Each scope's actor is started if it
    /// was passivated, so the first call after a start recovers them all.
    /// </summary>
    public async Task<IReadOnlyList<BudgetView>> ViewAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var scopes = await Directory.Ask<BudgetScopes>(GetBudgetScopes.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(scopes.Scopes.Select(scope =>
            Budgets.Ask<BudgetView>(new GetBudgetView(new BudgetScope(scope)), timeout, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Persists what every running budget holds in memory (what coordinated shutdown runs). A scope
    /// that cannot be flushed (its write failed, it did not answer in 30 s) is logged and skipped; the
    /// call completes when all have answered.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(30);
        var state = await Budgets.Ask<ShardRegionState>(GetShardRegionState.Instance, timeout, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(state.RunningEntities.Select(async scope =>
        {
            try
            {
                await Budgets.Ask<BudgetFlushed>(new FlushBudget(new BudgetScope(scope)), timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Whatever the store or the ask failed with, shutdown goes on; the scope loses at most its last interval.
                BudgetsLog.ShutdownFlushFailed(_logger, ex, scope);
            }
        })).ConfigureAwait(false);
    }
}
