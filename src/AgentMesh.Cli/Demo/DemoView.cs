using System.Globalization;
using AgentMesh.Cli.Rendering;
using AgentMesh.Cli.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AgentMesh.Cli.Rendering.StateStyles;

namespace AgentMesh.Cli.Demo;

/// <summary>The demo's screen: the story so far, AgentMesh against a forward-everything bridge, alerts and recent events.</summary>
internal static class DemoView
{
    public static IRenderable Render(DemoSnapshot now, DemoSettings settings, TimeSpan elapsed, string? budgetNote)
    {
        var heading = new Markup(
            $"[bold]AgentMesh demo: the overnight onboarding loop[/], compressed. gpu-box's link drops every " +
            $"~{settings.Cycle.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s (the field saw a rediscovery every 60–90 s) " +
            $"and mac-mini re-sends the same 80K-token onboarding payload each time it sees gpu-box come back.{Environment.NewLine}" +
            $"Node [link]{Markup.Escape(settings.DashboardUrl)}[/] on SQLite · " +
            $"t = {elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s of {settings.Duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s{Environment.NewLine}");

        var parts = new List<IRenderable> { heading, Comparison(now) };
        parts.Add(new Markup(budgetNote is null ? string.Empty : $"[grey]{Markup.Escape(budgetNote)}[/]{Environment.NewLine}"));
        parts.Add(List("alerts", now.Alerts, "none yet"));
        parts.Add(List("what the node did", now.Events, "waiting for gpu-box…"));
        return new Rows(parts);
    }

    private static Table Comparison(DemoSnapshot now)
    {
        var bridgeInput = BridgeArithmetic.InputTokens(now.PayloadsSent);
        var bridgeOutput = BridgeArithmetic.OutputTokens(now.PayloadsSent);
        var meshInput = now.Counter("inputTokens");
        var meshOutput = now.Counter("outputTokens");
        var state = now.AgentState;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("")
            .AddColumn(new TableColumn("[bold]AgentMesh[/]").RightAligned())
            .AddColumn(new TableColumn("[bold]forward-everything bridge[/]").RightAligned());
        table.AddRow(Cell("gpu-box's state"), Cell(state ?? "-", AgentState(state)), Cell("ready (nobody notices)"));
        table.AddRow(Cell("reconnects (same process)"), Count(now.Reconnects), Count(now.Reconnects));
        table.AddRow(Cell("welcomes sent to gpu-box"), Count(now.Counter("welcomesSent")), Count(now.PayloadsSent));
        table.AddRow(Cell("onboarding payloads re-sent by mac-mini"), Count(now.PayloadsSent), Count(now.PayloadsSent));
        table.AddRow(Cell("dropped as duplicates"), Count(now.PayloadsDropped), Count(0));
        table.AddRow(Cell("sessions spawned (80K context each)"), Count(now.Counter("sessionsSpawned")), Count(now.PayloadsSent));
        table.AddRow(Cell("input tokens"), Count(meshInput), Count(bridgeInput));
        table.AddRow(Cell("output tokens"), Count(meshOutput), Count(bridgeOutput));
        table.AddRow(
            Cell("cost at " + BridgeArithmetic.PricedAs),
            Cell(JsonFields.Usd(BridgeArithmetic.Cost(meshInput, meshOutput))),
            Cell(JsonFields.Usd(BridgeArithmetic.Cost(bridgeInput, bridgeOutput)), new Style(Color.Red)));
        return table;
    }

    private static Text Count(long value) => Cell(JsonFields.Count(value));

    private static IRenderable List(string title, IReadOnlyList<string> lines, string empty)
    {
        var body = lines.Count == 0 ? empty : string.Join(Environment.NewLine, lines);
        return new Panel(new Text(body)).Header(title).Expand();
    }
}
