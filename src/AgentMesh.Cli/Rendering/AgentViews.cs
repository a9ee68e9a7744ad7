using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AgentMesh.Cli.Rendering.StateStyles;

namespace AgentMesh.Cli.Rendering;

/// <summary>Tables for <c>GET /api/agents</c> and <c>GET /api/agents/{id}</c>.</summary>
internal static class AgentViews
{
    public static IRenderable List(JsonElement answer)
    {
        var agents = answer.Items("agents").ToList();
        if (agents.Count == 0)
        {
            return new Text("No agents yet: an agent appears when it first connects or is sent a message." + Environment.NewLine);
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("ID", "STATE", "LINK", "INCARNATION", "OWNER", "SESSIONS", "MESSAGES", "DUPLICATES", "TOKENS IN", "CACHED", "OUT", "COST");
        foreach (var agent in agents)
        {
            var state = agent.Text("state");
            table.AddRow(
                Cell(agent.Text("id")),
                Cell(state, AgentState(state)),
                Cell(agent.Text("link"), Link(agent.Text("link"))),
                Cell(Short(agent.Text("incarnation"))),
                Cell(agent.Text("ownerNode")),
                Cell(JsonFields.Count(agent.Long("counters", "activeSessions"))),
                Cell(JsonFields.Count(agent.Long("counters", "messagesAccepted"))),
                Cell(JsonFields.Count(agent.Long("counters", "duplicatesDropped"))),
                Cell(JsonFields.Count(agent.Long("counters", "inputTokens"))),
                Cell(JsonFields.Count(agent.Long("counters", "cachedInputTokens"))),
                Cell(JsonFields.Count(agent.Long("counters", "outputTokens"))),
                Cell(JsonFields.Usd(agent.Decimal("counters", "costUsd"))));
        }

        return table;
    }

    public static IRenderable Show(JsonElement agent)
    {
        var state = agent.Text("state");
        var summary = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        summary.AddRow(Cell("agent"), Cell(agent.Text("id"), new Style(decoration: Decoration.Bold)));
        summary.AddRow(Cell("state"), Cell(state, AgentState(state)));
        if (agent.Text("suspendedReason") is { } reason)
        {
            summary.AddRow(Cell("suspended because"), Cell(reason, new Style(Color.Red)));
        }

        summary.AddRow(Cell("link"), Cell(agent.Text("link"), Link(agent.Text("link"))));
        summary.AddRow(Cell("incarnation"), Cell(agent.Text("incarnation")));
        summary.AddRow(Cell("owner node"), Cell(agent.Text("ownerNode")));
        summary.AddRow(Cell("inbox high-water"), Cell(JsonFields.Count(agent.Long("inboxHighWater"))));
        summary.AddRow(Cell("nudge high-water"), Cell(JsonFields.Count(agent.Long("nudgeHighWater"))));
        summary.AddRow(Cell("pending messages"), Cell(JsonFields.Count(agent.Long("pendingMessages"))));

        var parts = new List<IRenderable> { summary, new Text(string.Empty), Counters(agent) };
        parts.Add(Sessions(agent));
        parts.Add(Circuits(agent));
        parts.Add(RecentEvents(agent));
        return new Rows(parts);
    }

    private static Table Counters(JsonElement agent)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("counters").AddColumns("COUNTER", "VALUE");
        table.Columns[1].RightAligned();
        if (agent.Get("counters") is { ValueKind: JsonValueKind.Object } counters)
        {
            foreach (var counter in counters.EnumerateObject())
            {
                var text = counter.Name == "costUsd" && counter.Value.ValueKind == JsonValueKind.Number
                    ? JsonFields.Usd(counter.Value.GetDecimal())
                    : JsonFields.Format(counter.Value);
                table.AddRow(Cell(counter.Name), Cell(text));
            }
        }

        return table;
    }

    private static IRenderable Sessions(JsonElement agent)
    {
        var sessions = agent.Items("sessions").ToList();
        if (sessions.Count == 0)
        {
            return new Text("No active session." + Environment.NewLine);
        }

        var table = new Table().Border(TableBorder.Rounded).Title("sessions")
            .AddColumns("SESSION", "KEY", "STARTED", "IN FLIGHT", "PENDING");
        foreach (var session in sessions)
        {
            table.AddRow(
                Cell(session.Text("sessionId")),
                Cell(session.Text("sessionKey")),
                Cell(JsonFields.Time(session.Text("startedAt"))),
                Cell(session.Text("inFlightMessageId")),
                Cell(session.Text("pendingMessages")));
        }

        return table;
    }

    private static IRenderable Circuits(JsonElement agent)
    {
        var circuits = agent.Items("circuits").ToList();
        if (circuits.Count == 0)
        {
            return new Text("No circuit has recorded a failure." + Environment.NewLine);
        }

        var table = new Table().Border(TableBorder.Rounded).Title("circuits")
            .AddColumns("SESSION KEY", "STATE", "FAILURES", "OPENED");
        foreach (var circuit in circuits)
        {
            var state = circuit.Text("state");
            table.AddRow(
                Cell(circuit.Text("sessionKey")),
                Cell(state, CircuitState(state)),
                Cell(circuit.Text("consecutiveFailures")),
                Cell(JsonFields.Time(circuit.Text("openedAt"))));
        }

        return table;
    }

    private static IRenderable RecentEvents(JsonElement agent)
    {
        var events = agent.Items("recentEvents").ToList();
        if (events.Count == 0)
        {
            return new Text("No recent events." + Environment.NewLine);
        }

        var table = new Table().Border(TableBorder.Rounded).Title("recent events").AddColumns("AT", "EVENT", "DETAIL");
        foreach (var item in events)
        {
            table.AddRow(Cell(JsonFields.Time(item.Text("at"))), Cell(item.Text("kind")), Cell(item.Text("detail")));
        }

        return table;
    }

    /// <summary>The first 8 characters of an incarnation: enough to tell two apart in a table.</summary>
    private static string? Short(string? incarnation) =>
        incarnation is { Length: > 8 } ? incarnation[..8] + "…" : incarnation;
}
