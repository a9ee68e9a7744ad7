namespace AgentMesh.Cli.Simulation;

/// <summary>Samples a cumulative series on a regular grid of simulated time, so both runs share one time axis (the CSV, the chart, the JSON).</summary>
internal static class SeriesGrid
{
    public const int Steps = 500;

    /// <summary>The value at each of <see cref="Steps"/> + 1 instants from 0 to the end: the last point at or before it.</summary>
    public static IReadOnlyList<SeriesPoint> Sample(IReadOnlyList<SeriesPoint> series, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(series);
        var step = durationSeconds / Steps;
        var sampled = new List<SeriesPoint>(Steps + 1);
        var index = 0;
        var current = new SeriesPoint(0, 0, 0, 0);
        for (var k = 0; k <= Steps; k++)
        {
            var at = k == Steps ? durationSeconds : Math.Round(k * step, 3);
            while (index < series.Count && series[index].Seconds <= at)
            {
                current = series[index++];
            }

            sampled.Add(current with { Seconds = at });
        }

        return sampled;
    }
}
