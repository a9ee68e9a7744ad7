using System.Globalization;
using System.Text;

namespace AgentMesh.Cli.Simulation;

/// <summary>Cumulative tokens of both runs over simulated time, one row per grid step (<see cref="SeriesGrid"/>).</summary>
internal static class SimulationCsv
{
    public const string Header = "seconds,agentmesh_input_tokens,agentmesh_cached_input_tokens,agentmesh_output_tokens,bridge_input_tokens,bridge_cached_input_tokens,bridge_output_tokens";

    public static string Write(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var mesh = SeriesGrid.Sample(result.AgentMesh.Series, result.DurationSeconds);
        var bridge = SeriesGrid.Sample(result.Bridge.Series, result.DurationSeconds);
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < mesh.Count; i++)
        {
            var m = mesh[i];
            var b = bridge[i];
            text.Append(CultureInfo.InvariantCulture, $"{m.Seconds:0.###},{m.InputTokens},{m.CachedInputTokens},{m.OutputTokens},{b.InputTokens},{b.CachedInputTokens},{b.OutputTokens}\n");
        }

        return text.ToString();
    }
}
