using System.Net;
using System.Text;
using AgentMesh.Node.Dashboard;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The <c>--report</c> page: self-contained (no network), with the dashboard's charting library
/// (<see cref="ChartLibrary"/>, uPlot) inlined, the result as JSON, the cumulative input tokens of both
/// runs over simulated time (log scale by default, linear on a click), and the comparison table.
/// </summary>
internal static class SimulationReport
{
    public static string Write(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var mesh = SeriesGrid.Sample(result.AgentMesh.Series, result.DurationSeconds);
        var bridge = SeriesGrid.Sample(result.Bridge.Series, result.DurationSeconds);
        var chart = new
        {
            hours = mesh.Select(p => Math.Round(p.Seconds / 3600, 5)).ToArray(),
            agentmesh = mesh.Select(p => p.InputTokens).ToArray(),
            bridge = bridge.Select(p => p.InputTokens).ToArray(),
        };
        var page = new StringBuilder();
        page.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>agentmesh simulate {{Html(result.Scenario)}}</title>
            <style>
            {{ChartLibrary.Stylesheet}}
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #1b1f24; }
            h1 { font-size: 1.4rem; } p.note { color: #57606a; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .7rem; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.mesh { color: #1a7f37; } td.bridge { color: #cf222e; }
            li.met { color: #1a7f37; } li.missed { color: #cf222e; font-weight: bold; }
            </style>
            </head>
            <body>
            <h1>{{Html(result.Scenario)}}: {{Html(result.Title)}}</h1>
            <p class="note">{{Html(SimulationText.Traffic(result))}} AgentMesh ran through the real actors and a SQLite store in {{result.WallSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}} s of wall time.</p>
            <h2>Cumulative input tokens over simulated time</h2>
            <label><input type="checkbox" id="log" checked> log scale</label>
            <div id="chart"></div>
            <h2>AgentMesh against a forward-everything bridge</h2>
            <table>
            <thead><tr><th></th><th>AgentMesh</th><th>forward-everything bridge</th></tr></thead>
            <tbody>

            """);
        foreach (var (label, meshValue, bridgeValue) in SimulationText.Rows(result))
        {
            page.Append($"<tr><td>{Html(label)}</td><td class=\"n mesh\">{Html(meshValue)}</td><td class=\"n bridge\">{Html(bridgeValue)}</td></tr>\n");
        }

        page.Append("</tbody>\n</table>\n");
        if (result.Targets.Count > 0)
        {
            page.Append("<h2>Targets</h2>\n<ul>\n");
            foreach (var target in result.Targets)
            {
                page.Append($"<li class=\"{(target.Met ? "met" : "missed")}\">{Html(SimulationText.Target(target))}</li>\n");
            }

            page.Append("</ul>\n");
        }

        page.Append("<script>\n").Append(ChartLibrary.Script).Append("\n</script>\n");
        page.Append("<script type=\"application/json\" id=\"chart-data\">").Append(System.Text.Json.JsonSerializer.Serialize(chart)).Append("</script>\n");
        page.Append("<script type=\"application/json\" id=\"result\">").Append(SimulationJson.SerializeForHtml(result)).Append("</script>\n");
        page.Append("""
            <script>
            const data = JSON.parse(document.getElementById('chart-data').textContent);
            const target = document.getElementById('chart');
            let plot;
            function draw(log) {
              if (plot) plot.destroy();
              // A log axis cannot show 0: before the first token a run has no point.
              const shown = values => values.map(v => log && v <= 0 ? null : v);
              plot = new uPlot({
                width: Math.min(target.clientWidth || 900, 1100),
                height: 420,
                scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : { distr: 1 } },
                axes: [{ label: 'simulated hours' }, { label: 'input tokens (cumulative)', size: 90 }],
                series: [
                  { label: 'hours' },
                  { label: 'AgentMesh', stroke: '#1a7f37', width: 2, spanGaps: true },
                  { label: 'forward-everything bridge', stroke: '#cf222e', width: 2, spanGaps: true },
                ],
              }, [data.hours, shown(data.agentmesh), shown(data.bridge)], target);
            }
            const log = document.getElementById('log');
            log.addEventListener('change', () => draw(log.checked));
            draw(log.checked);
            </script>
            </body>
            </html>

            """);
        return page.ToString();
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
