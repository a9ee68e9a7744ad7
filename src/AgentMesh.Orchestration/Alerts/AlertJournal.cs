using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Alerts;

/// <summary>The stable manifest names of the alert log's event and snapshot. A manifest never changes once released.</summary>
public static class AlertJournal
{
    public static EventManifestRegistry Register(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = AlertJournalContext.Default;
        return registry
            .Register("alert.logged.v1", json.AlertLogged)
            .Register("alert-log.snapshot.v1", json.AlertLogSnapshot);
    }
}
