using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Rendering;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh agents list | show | send | suspend | resume | reset</c>.</summary>
internal static class AgentsCommand
{
    public static Command Create(RemoteOptions remote)
    {
        var command = new Command("agents", "Look at agents and act on them through the node's admin API").WithExamples(
            "agentmesh agents list",
            "agentmesh agents show gpu-box --json",
            "agentmesh agents send gpu-box \"rebuild the index\" --session-key ci",
            "agentmesh agents suspend gpu-box --reason \"onboarding loop\"");
        command.Add(List(remote));
        command.Add(Show(remote));
        command.Add(Send(remote));
        command.Add(Suspend(remote));
        command.Add(Resume(remote));
        command.Add(Reset(remote));
        return command;
    }

    private static Argument<string> AgentId() => new("id") { Description = "The agent's id, e.g. gpu-box" };

    private static Command List(RemoteOptions remote)
    {
        var command = remote.AddTo(new Command("list", "Every known agent: state, link, owner node, sessions and token counters"))
            .WithExamples("agentmesh agents list", "agentmesh agents list --node http://mac-mini:5080 --json");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = remote.Connect(parseResult);
            var answer = await client.GetAsync("api/agents", cancellationToken);
            return remote.Show(parseResult, answer, AgentViews.List);
        });
        return command;
    }

    private static Command Show(RemoteOptions remote)
    {
        var id = AgentId();
        var command = remote.AddTo(new Command("show", """
            One agent in full: counters, sessions, the circuit of each session key, inbox high-water
            mark and recent events. Exits 4 when the node does not know the agent.
            """) { id }).WithExamples("agentmesh agents show gpu-box", "agentmesh agents show gpu-box --json");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = remote.Connect(parseResult);
            var answer = await client.GetAsync($"api/agents/{AdminClient.Segment(parseResult.GetRequiredValue(id))}", cancellationToken);
            return remote.Show(parseResult, answer, AgentViews.Show);
        });
        return command;
    }

    private static Command Send(RemoteOptions remote)
    {
        var id = AgentId();
        var text = new Argument<string>("text") { Description = "The message body: text, or JSON with --body-json" };
        var sessionKey = new Option<string?>("--session-key") { Description = "The agent's conversation to run it in [default: the node's default]", HelpName = "key" };
        var from = new Option<string>("--from") { Description = "The sender shown to the agent", HelpName = "name", DefaultValueFactory = _ => "operator" };
        var bodyJson = new Option<bool>("--body-json") { Description = "Send <text> as a JSON value (an object, say) instead of a string" };
        var command = remote.AddTo(new Command("send", """
            Put a message in an agent's inbox. A repeat of the same body from the same sender inside the
            node's cooldown window is dropped and reported as a duplicate (exit 0). Exits 5 when the node
            refuses it: the session's circuit is open, or the agent is suspended.
            """) { id, text, sessionKey, from, bodyJson }).WithExamples(
            "agentmesh agents send gpu-box \"summarise today's failures\"",
            "agentmesh agents send gpu-box '{\"task\":\"reindex\",\"shard\":3}' --body-json --session-key ci");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var body = Body(parseResult.GetRequiredValue(text), parseResult.GetValue(bodyJson));
            var request = new JsonObject { ["from"] = parseResult.GetValue(from) ?? "operator", ["body"] = body };
            if (parseResult.GetValue(sessionKey) is { Length: > 0 } key)
            {
                request["sessionKey"] = key;
            }

            var agent = parseResult.GetRequiredValue(id);
            using var client = remote.Connect(parseResult);
            var answer = await client.PostAsync($"api/agents/{AdminClient.Segment(agent)}/messages", request, cancellationToken);
            return remote.Show(parseResult, answer, accepted => new Markup(
                accepted.Get("duplicate") is { ValueKind: JsonValueKind.True }
                    ? $"[yellow]duplicate[/]: the same message reached {Markup.Escape(agent)} inside the cooldown window and was dropped (message {Markup.Escape(accepted.Text("messageId") ?? "-")})" + Environment.NewLine
                    : $"message [bold]{Markup.Escape(accepted.Text("messageId") ?? "-")}[/] is in {Markup.Escape(agent)}'s inbox" + Environment.NewLine));
        });
        return command;
    }

    private static Command Suspend(RemoteOptions remote)
    {
        var id = AgentId();
        var reason = new Option<string>("--reason") { Description = "Why, for the record and the dashboard", HelpName = "text", Required = true };
        var command = remote.AddTo(new Command("suspend", """
            Suspend an agent durably: its sessions stop, its inbox is held, and it stays suspended across
            node restarts until resumed
            """) { id, reason }).WithExamples("agentmesh agents suspend gpu-box --reason \"onboarding loop, investigating\"");
        command.SetAction((parseResult, cancellationToken) => ChangeAsync(remote, parseResult, parseResult.GetRequiredValue(id), "suspend",
            new JsonObject { ["reason"] = parseResult.GetRequiredValue(reason) }, cancellationToken));
        return command;
    }

    private static Command Resume(RemoteOptions remote)
    {
        var id = AgentId();
        var command = remote.AddTo(new Command("resume", "Lift an agent's suspension") { id })
            .WithExamples("agentmesh agents resume gpu-box");
        command.SetAction((parseResult, cancellationToken) =>
            ChangeAsync(remote, parseResult, parseResult.GetRequiredValue(id), "resume", null, cancellationToken));
        return command;
    }

    private static Command Reset(RemoteOptions remote)
    {
        var id = AgentId();
        var command = remote.AddTo(new Command("reset", "Close an agent's open circuits and clear its failure counts (a chat gateway's /reset)") { id })
            .WithExamples("agentmesh agents reset gpu-box");
        command.SetAction((parseResult, cancellationToken) =>
            ChangeAsync(remote, parseResult, parseResult.GetRequiredValue(id), "reset", null, cancellationToken));
        return command;
    }

    private static async Task<int> ChangeAsync(
        RemoteOptions remote, ParseResult parseResult, string agent, string action, JsonObject? body, CancellationToken cancellationToken)
    {
        using var client = remote.Connect(parseResult);
        var answer = await client.PostAsync($"api/agents/{AdminClient.Segment(agent)}/{action}", body, cancellationToken);
        return remote.Show(parseResult, answer, changed =>
        {
            var state = changed.Text("state");
            return new Paragraph()
                .Append($"{changed.Text("agent") ?? agent} is ")
                .Append(state ?? "-", StateStyles.AgentState(state))
                .Append(Environment.NewLine);
        });
    }

    private static JsonNode? Body(string text, bool isJson)
    {
        if (!isJson)
        {
            return JsonValue.Create(text);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"--body-json: the text is not JSON: {e.Message}", e);
        }
    }
}
