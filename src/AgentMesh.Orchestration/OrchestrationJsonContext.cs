using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration;

/// <summary>Source-generated JSON for the small ad-hoc values orchestration builds (welcome payloads).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class OrchestrationJsonContext : JsonSerializerContext;
