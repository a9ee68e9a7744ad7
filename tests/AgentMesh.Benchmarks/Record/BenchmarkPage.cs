using System.Text;

namespace AgentMesh.Benchmarks.Record;

/// <summary>Writes docs/benchmarks.md from one recording run.</summary>
public static class BenchmarkPage
{
    public static string Render(RunResults run, MachineDescription machine, DateTimeOffset started, TimeSpan took, string? loadAtEnd, string command)
    {
        var page = new StringBuilder();
        page.AppendLine("# Benchmarks");
        page.AppendLine();
        page.AppendLine("<!-- Written by the benchmark record (tools/benchmarks.sh); edits by hand are lost on the next run. -->");
        page.AppendLine();
        page.AppendLine($"Every figure on this page comes from one run of `{command}` ({Minutes(took)}), which runs every suite of");
        page.AppendLine("`tests/AgentMesh.Benchmarks` as a short BenchmarkDotNet job (1 launch, 3 warm-ups, 3 iterations unless a");
        page.AppendLine("suite says otherwise) next to its baseline in the same run, plus the two wall-clock measurements that");
        page.AppendLine("BenchmarkDotNet cannot make (retained memory per idle actor, recovery of 10,000 actors).");
        page.AppendLine();
        page.AppendLine($"- **Date:** {started:yyyy-MM-dd HH:mm} UTC");
        page.AppendLine($"- **Machine:** {machine}");
        page.AppendLine($"- **Load average (1, 5, 15 min):** {machine.LoadAverage ?? "unknown"} at the start, {loadAtEnd ?? "unknown"} at the end");
        page.AppendLine();
        page.AppendLine("Short jobs on a small machine are noisy: read the ratios against the in-run baselines first. Why the");
        page.AppendLine("figures are what they are, and what was tried, is in [performance.md](performance.md).");
        page.AppendLine();

        if (run.Failures.Count > 0)
        {
            page.AppendLine("**Suites that failed in this run:**");
            page.AppendLine();
            foreach (var failure in run.Failures)
            {
                page.AppendLine($"- {failure}");
            }

            page.AppendLine();
        }

        page.AppendLine("## Targets");
        page.AppendLine();
        foreach (var area in Targets.All.GroupBy(target => target.Area))
        {
            page.AppendLine($"### {area.Key}");
            page.AppendLine();
            page.AppendLine("| what | AgentMesh | baseline in the same run | ratio | target | met |");
            page.AppendLine("|---|---|---|---|---|---|");
            foreach (var target in area)
            {
                var figure = target.Find(run);
                if (figure is null)
                {
                    page.AppendLine($"| {target.What} | not run | | | {target.Goal} | — |");
                    continue;
                }

                var ratio = figure.Ratio is { } r ? $"{r:F2}×" : "";
                page.AppendLine($"| {target.What} | {figure.Text} | {figure.Baseline} | {ratio} | {target.Goal} | {(target.Met(figure) ? "**yes**" : "**no**")} |");
            }

            page.AppendLine();
        }

        page.AppendLine("## Every case");
        page.AppendLine();
        page.AppendLine("Times are per operation (one message, event or report). The ratio is the baseline's time over the case's:");
        page.AppendLine("above 1 is faster than the baseline.");
        page.AppendLine();
        foreach (var suite in run.Cases.GroupBy(c => (c.Area, c.Suite)))
        {
            page.AppendLine($"### {suite.Key.Area}: `{suite.Key.Suite}`");
            page.AppendLine();
            page.AppendLine("| case | parameters | mean | median | per second | allocated | ratio |");
            page.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var c in suite)
            {
                var name = c.IsBaseline ? $"{c.Method} (baseline)" : c.Method;
                var allocated = c.AllocatedBytes is { } bytes ? $"{bytes:N0} B" : "";
                var ratio = c.Ratio is { } r ? $"{r:F2}×" : "";
                page.AppendLine($"| {name} | {c.Parameters} | {Targets.Time(c.MeanNs)} | {Targets.Time(c.MedianNs)} | {Targets.Rate(c.PerSecond)} | {allocated} | {ratio} |");
            }

            page.AppendLine();
        }

        page.AppendLine("## Published figures to compare with");
        page.AppendLine();
        page.AppendLine("| suite | figure | source |");
        page.AppendLine("|---|---|---|");
        foreach (var (suite, figure, source) in PublishedFigures.All)
        {
            page.AppendLine($"| {suite} | {figure} | {source} |");
        }

        return page.ToString();
    }

    private static string Minutes(TimeSpan took) => took.TotalMinutes >= 1 ? $"{took.TotalMinutes:F0} min" : $"{took.TotalSeconds:F0} s";
}
