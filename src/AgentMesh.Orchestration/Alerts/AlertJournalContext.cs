using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Alerts;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AlertLogged))]
[JsonSerializable(typeof(AlertLogSnapshot))]
internal sealed partial class AlertJournalContext : JsonSerializerContext;
