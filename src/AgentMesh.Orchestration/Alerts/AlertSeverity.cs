using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Alerts;

/// <summary>How urgent an alert is; written lower-case where it is serialized as a string (journal, webhook).</summary>
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")]
    Info,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("critical")]
    Critical,
}
