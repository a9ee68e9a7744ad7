using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Agents.Events;

/// <summary>
/// The stable manifest names of the agent's events and snapshot. A manifest never changes once
/// released; a changed shape gets a new name (<c>.v2</c>) and the old one stays readable.
/// </summary>
public static class AgentJournal
{
    public static EventManifestRegistry Register(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = AgentJournalContext.Default;
        return registry
            .Register("agent.registered.v1", json.AgentRegistered)
            .Register("agent.incarnation-started.v1", json.IncarnationStarted)
            .Register("agent.welcome-sent.v1", json.WelcomeSent)
            .Register("agent.welcome-acked.v1", json.WelcomeAcked)
            .Register("agent.message-accepted.v1", json.InboxMessageAccepted)
            .Register("agent.session-opened.v1", json.SessionOpened)
            .Register("agent.run-recorded.v1", json.RunRecorded)
            .Register("agent.session-closed.v1", json.SessionClosed)
            .Register("agent.circuits-reset.v1", json.CircuitsReset)
            .Register("agent.suspended.v1", json.AgentSuspended)
            .Register("agent.resumed.v1", json.AgentResumed)
            .Register("agent.nudge-recorded.v1", json.NudgeRecorded)
            .Register("agent.snapshot.v1", json.AgentSnapshot);
    }
}
