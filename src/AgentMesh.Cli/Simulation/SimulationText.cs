using System.Globalization;

namespace AgentMesh.Cli.Simulation;

/// <summary>How the simulation's figures read in the table, the CSV and the report.</summary>
internal static class SimulationText
{
    /// <summary>Simulated time as <c>h:mm:ss</c> (or <c>m:ss</c> under an hour).</summary>
    public static string Time(double? seconds)
    {
        if (seconds is not { } value)
        {
            return "never";
        }

        var span = TimeSpan.FromSeconds(Math.Round(value));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Usd(decimal value) => "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Number(double? value) =>
        value is { } v ? (Math.Abs(v) >= 1000 || v == Math.Floor(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : v.ToString("0.######", CultureInfo.InvariantCulture)) : "never";

    public static string FirstAlert(RunFigures run) =>
        run.FirstAlertSeconds is null ? "never" : $"{Time(run.FirstAlertSeconds)} ({run.FirstAlertKind})";

    public static string Containment(RunFigures run, bool agentMesh) =>
        run.ContainmentSeconds is { } at ? $"{Time(at)} ({run.ContainedBy})"
        : agentMesh ? "never needed" : "never";

    /// <summary>The rows of the comparison, label then AgentMesh then bridge; the table, the report and the tests read the same rows.</summary>
    public static IReadOnlyList<(string Label, string AgentMesh, string Bridge)> Rows(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var mesh = result.AgentMesh;
        var bridge = result.Bridge;
        var rows = new List<(string, string, string)>
        {
            ("sessions spawned", Count(mesh.Sessions), Count(bridge.Sessions)),
            ("model calls", Count(mesh.ModelCalls), Count(bridge.ModelCalls)),
            ("failed runs", Count(mesh.FailedRuns), Count(bridge.FailedRuns)),
            ("messages handed to a model", Count(mesh.Runs), Count(bridge.Runs)),
            ("duplicates dropped", Count(mesh.DuplicatesDropped), Count(0)),
            ("messages refused", Count(mesh.Refused), Count(0)),
            ("input tokens", Count(mesh.InputTokens), Count(bridge.InputTokens)),
            ("cached input tokens", Count(mesh.CachedInputTokens), Count(bridge.CachedInputTokens)),
            ("output tokens", Count(mesh.OutputTokens), Count(bridge.OutputTokens)),
            ("time to first alert", FirstAlert(mesh), FirstAlert(bridge)),
            ("time to containment", Containment(mesh, agentMesh: true), Containment(bridge, agentMesh: false)),
        };
        foreach (var cost in mesh.Costs)
        {
            var bridgeCost = bridge.Costs.FirstOrDefault(c => c.Model == cost.Model)?.Usd ?? 0;
            rows.Add(($"cost at {cost.Model}", Usd(cost.Usd), Usd(bridgeCost)));
        }

        return rows;
    }

    public static string Traffic(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Traffic;
        return $"Traffic (seed {result.Seed}, {Time(result.DurationSeconds)} simulated): {Count(t.Messages)} messages, {Count(t.Sends)} deliveries " +
            $"({Count(t.Copies)} repeats), {Count(t.LinkTransitions)} link transitions, {Count(t.PollTicks)} poll ticks.";
    }

    public static string Target(TargetOutcome target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var bound = target.Bound == Number(target.BoundValue) ? target.Bound : $"{target.Bound} = {Number(target.BoundValue)}";
        return $"{(target.Met ? "met" : "NOT MET")}: {target.Label} ({target.Figure} = {Number(target.Value)} {target.Comparison} {bound})";
    }
}
