using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>Where the limits in force for a budget scope come from; in JSON (<c>GET /api/budgets</c>) its name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BudgetLimitsSource>))]
public enum BudgetLimitsSource
{
    /// <summary>The default for the scope's kind (<see cref="BudgetOptions.Defaults"/>).</summary>
    [JsonStringEnumMemberName("default")]
    Default,

    /// <summary>The scope's own entry in configuration (<see cref="BudgetOptions.Scopes"/>).</summary>
    [JsonStringEnumMemberName("configuration")]
    Configuration,

    /// <summary>Set at runtime (<c>PUT /api/budgets/{scope}</c>) and persisted; wins over configuration until set again or reset.</summary>
    [JsonStringEnumMemberName("runtime")]
    Runtime,
}
