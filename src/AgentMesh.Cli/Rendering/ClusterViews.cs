using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AgentMesh.Cli.Rendering.StateStyles;

namespace AgentMesh.Cli.Rendering;

/// <summary>The table for <c>GET /api/cluster</c>.</summary>
internal static class ClusterViews
{
    public static IRenderable Status(JsonElement answer)
    {
        var heading = new Paragraph()
            .Append("This node: ")
            .Append(answer.Text("node", "name") ?? "-", new Style(decoration: Decoration.Bold))
            .Append(Environment.NewLine);
        var members = answer.Items("members").ToList();
        if (members.Count == 0)
        {
            return new Rows(heading, new Text("No members listed." + Environment.NewLine));
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("NAME", "ADDRESS", "ROLES", "STATUS", "LAST HEARTBEAT", "SHARDS");
        foreach (var member in members)
        {
            var status = member.Text("status");
            var roles = member.Get("roles") is { ValueKind: JsonValueKind.Array } array
                ? string.Join(", ", array.EnumerateArray().Select(JsonFields.Format))
                : member.Text("roles");
            table.AddRow(
                Cell(member.Text("name")),
                Cell(member.Text("address")),
                Cell(string.IsNullOrEmpty(roles) ? "-" : roles),
                Cell(status, MemberStatus(status)),
                Cell(JsonFields.Time(member.Text("lastHeartbeat"))),
                Cell(member.Text("shardsOwned")));
        }

        return new Rows(heading, table);
    }
}
