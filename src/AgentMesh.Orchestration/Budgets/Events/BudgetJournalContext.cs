using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Budgets.Events;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BudgetUsageTallied))]
[JsonSerializable(typeof(BudgetLimitsSet))]
[JsonSerializable(typeof(BudgetLimitsConfigured))]
[JsonSerializable(typeof(BudgetSnapshot))]
[JsonSerializable(typeof(BudgetScopeRegistered))]
[JsonSerializable(typeof(BudgetDirectorySnapshot))]
internal sealed partial class BudgetJournalContext : JsonSerializerContext;
