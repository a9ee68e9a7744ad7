using AgentMesh.Actors;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Events;
using AgentMesh.Node.Hosting;
using AgentMesh.Node.Storage;
using AgentMesh.Orchestration;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Rooms;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Node.Domain;

/// <summary>
/// Starts the domain in the node's actor system: persistence with every event manifest, the agent
/// directory, the budgets with the alert log, the rooms and agents' shard regions, and the bridge from the event stream to the event hub
/// (what <c>/api/events</c> streams).
/// </summary>
internal sealed class DomainSetup(AgentMeshOptions options, NodeStore store, NodeDomain domain, EventHub hub, TokenVelocityHistory velocity) : IActorSystemSetup
{
    public Task ConfigureAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var registry = DomainJournal.Register(new EventManifestRegistry());
        PersistenceExtension.Register(system, new PersistenceExtension(store.Journal, store.Snapshots, new EventSerializer(registry)));

        var budgets = BudgetAccounting.Start(system, new BudgetEnvironment
        {
            Options = options.Budgets,
            Webhook = options.Alerts.WebhookUrl is { } url ? new AlertWebhookOptions { Url = url } : null,
        });
        var directory = system.SpawnSystemActor(AgentDirectoryActor.Props(), "agent-directory");
        var rooms = ShardRegion.Start(system, new ShardRegionOptions("rooms", id => RoomActor.Props(new RoomName(id))) { PassivateIdleAfter = null });
        var environment = new AgentEnvironment
        {
            NodeName = options.Node.Name,
            Policies = options.Agents,
            ConfiguredAgents = options.Agents.Overrides.Keys.ToHashSet(StringComparer.Ordinal),
            Prices = options.Prices,
            Directory = directory,
            Rooms = rooms,
            Budgets = budgets.Budgets,
        };
        var agents = ShardRegion.Start(system, new ShardRegionOptions("agents", id => AgentActor.Props(new AgentId(id), environment))
        {
            // An agent's actor holds its live link; it stays resident (a fleet is tens of agents, not millions).
            PassivateIdleAfter = null,
        });

        budgets.BindAgents(agents);

        var bridge = system.SpawnSystemActor(Props.Create(() => new EventBridge(hub, velocity)), "event-bridge");
        system.EventStream.Subscribe<AgentNotice>(bridge);
        system.EventStream.Subscribe<AlertLogged>(bridge);
        domain.Started(agents, directory, budgets);
        return Task.CompletedTask;
    }
}
