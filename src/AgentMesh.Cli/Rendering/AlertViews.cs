using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AgentMesh.Cli.Rendering.StateStyles;

namespace AgentMesh.Cli.Rendering;

/// <summary>Tables and lines for alerts (<c>GET /api/alerts</c>, <c>alert</c> events).</summary>
internal static class AlertViews
{
    public static IRenderable List(JsonElement answer)
    {
        var alerts = answer.Items("alerts").ToList();
        if (alerts.Count == 0)
        {
            return new Text("No alerts." + Environment.NewLine);
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "TIME", "SEVERITY", "SCOPE", "KIND", "MESSAGE");
        foreach (var alert in alerts)
        {
            var severity = alert.Text("severity");
            table.AddRow(
                Cell(alert.Text("id")),
                Cell(JsonFields.Time(alert.Text("time"))),
                Cell(severity, Severity(severity)),
                Cell(alert.Text("scope")),
                Cell(alert.Text("kind")),
                Cell(alert.Text("message")));
        }

        return table;
    }

    /// <summary>One alert on one line, for <c>alerts --follow</c>.</summary>
    public static IRenderable Line(JsonElement alert)
    {
        var severity = alert.Text("severity");
        return new Paragraph()
            .Append(JsonFields.Time(alert.Text("time")) + " ")
            .Append(severity ?? "alert", Severity(severity))
            .Append($" {alert.Text("scope") ?? "-"} {alert.Text("kind") ?? "-"}: {alert.Text("message") ?? string.Empty}{Environment.NewLine}");
    }

    /// <summary>The highest alert id in an answer; the next <c>?since=</c>.</summary>
    public static long? HighestId(JsonElement answer) =>
        answer.Items("alerts").Select(alert => alert.Long("id")).Max();
}
