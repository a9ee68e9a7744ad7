using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Rooms;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration;

/// <summary>
/// The stored names of every event and snapshot the domain persists (agents, the agent directory,
/// rooms, budgets, the alert log): what a node, or anything that runs the whole domain on a store,
/// registers before it starts.
/// </summary>
public static class DomainJournal
{
    public static EventManifestRegistry Register(EventManifestRegistry registry) =>
        AlertJournal.Register(BudgetJournal.Register(
            RoomJournal.Register(AgentDirectoryActor.Register(AgentJournal.Register(registry)))));
}
