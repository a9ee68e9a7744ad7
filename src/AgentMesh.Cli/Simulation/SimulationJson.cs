using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentMesh.Cli.Simulation;

/// <summary>The result as JSON (camelCase; times in seconds of simulated time, null for never).</summary>
internal static class SimulationJson
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>For a page's script element: the default encoder escapes <c>&lt;</c>, so no <c>&lt;/script&gt;</c> can end it early.</summary>
    private static readonly JsonSerializerOptions ForHtml = new(JsonSerializerDefaults.Web);

    public static string Serialize(SimulationResult result) => JsonSerializer.Serialize(result, Indented);

    public static string SerializeForHtml(SimulationResult result) => JsonSerializer.Serialize(result, ForHtml);

    public static SimulationResult? Deserialize(string json) => JsonSerializer.Deserialize<SimulationResult>(json, Indented);
}
