using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentMesh.Cli.Simulation;

/// <summary>The comparison as a Spectre.Console table, with the traffic, the targets and the wall time under it.</summary>
internal static class SimulationTable
{
    public static IRenderable Render(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(result.Scenario)}[/]: {Markup.Escape(result.Title)}")
            .AddColumn(string.Empty)
            .AddColumn(new TableColumn("[bold]AgentMesh[/]").RightAligned())
            .AddColumn(new TableColumn("[bold]forward-everything bridge[/]").RightAligned());
        foreach (var (label, mesh, bridge) in SimulationText.Rows(result))
        {
            table.AddRow(new Text(label), new Text(mesh, new Style(Color.Green)), new Text(bridge, new Style(Color.Red)));
        }

        var lines = new List<IRenderable> { table, new Text(SimulationText.Traffic(result)) };
        foreach (var target in result.Targets)
        {
            lines.Add(new Text(SimulationText.Target(target), new Style(target.Met ? Color.Green : Color.Red)));
        }

        lines.Add(new Text($"Simulated {SimulationText.Time(result.DurationSeconds)} through the real actors and a SQLite store in {result.WallSeconds:0.00} s of wall time."));
        return new Rows(lines);
    }
}
