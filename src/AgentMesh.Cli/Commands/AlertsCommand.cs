using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh alerts [--since N] [--follow]</c>.</summary>
internal static class AlertsCommand
{
    public static Command Create(RemoteOptions remote)
    {
        var since = new Option<long>("--since") { Description = "Only alerts with an id greater than this", HelpName = "id", DefaultValueFactory = _ => 0 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing alerts as they are raised, until Ctrl-C" };
        var command = remote.AddTo(new Command("alerts", """
            Budget, flapping and circuit alerts, newest last. With --follow, alerts are printed as they are
            raised, from the node's event stream, until Ctrl-C (with --json: one JSON object per line).
            """) { since, follow }).WithExamples(
            "agentmesh alerts",
            "agentmesh alerts --since 120 --json",
            "agentmesh alerts --follow");
        command.SetAction((parseResult, cancellationToken) =>
        {
            var after = parseResult.GetValue(since);
            if (after < 0)
            {
                throw new CliException(ExitCodes.Usage, "--since must not be negative");
            }

            return parseResult.GetValue(follow)
                ? FollowAsync(remote, parseResult, after, cancellationToken)
                : ListAsync(remote, parseResult, after, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ListAsync(RemoteOptions remote, ParseResult parseResult, long since, CancellationToken cancellationToken)
    {
        using var client = remote.Connect(parseResult);
        var answer = await client.GetAsync(AlertsPath(since), cancellationToken);
        return remote.Show(parseResult, answer, AlertViews.List);
    }

    /// <summary>
    /// The stream is opened before the list is read, so that an alert raised in between is in one of
    /// them; one in both is printed once (alert ids only grow).
    /// </summary>
    private static async Task<int> FollowAsync(RemoteOptions remote, ParseResult parseResult, long since, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(remote.Json);
        var output = remote.Output;
        using var client = remote.Connect(parseResult);
        try
        {
            await using var stream = await client.OpenEventStreamAsync(cancellationToken);
            var shown = since;
            if (await PastAlertsAsync(client, since, cancellationToken) is { } answer)
            {
                shown = AlertViews.HighestId(answer) ?? since;
                foreach (var alert in answer.Items("alerts"))
                {
                    Print(alert);
                }
            }

            if (!json)
            {
                output.Line($"following alerts from {client.NodeUrl} (Ctrl-C to stop)…");
            }

            await foreach (var item in ServerSentEventReader.ReadAsync(stream, cancellationToken))
            {
                if (item.Type == "dropped")
                {
                    output.Line($"warning: the node dropped events for this slow reader: {item.Data}");
                    continue;
                }

                if (item.Type != "alert" || Parse(item.Data) is not { } alert)
                {
                    continue;
                }

                if (alert.Long("id") is { } id && id <= shown)
                {
                    continue;
                }

                shown = alert.Long("id") ?? shown;
                Print(alert);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"the event stream from {client.NodeUrl} broke: {e.Message}", e);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }

        throw new CliException(ExitCodes.Unreachable, $"the node at {client.NodeUrl} closed the event stream (it is stopping)");

        void Print(JsonElement alert)
        {
            if (json)
            {
                output.Json(alert, indented: false);
            }
            else
            {
                output.Write(AlertViews.Line(alert));
            }
        }
    }

    /// <summary>The alerts already raised; none from a node that streams alerts but cannot list them (no <c>/api/alerts</c>).</summary>
    private static async Task<JsonElement?> PastAlertsAsync(AdminClient client, long since, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(AlertsPath(since), cancellationToken);
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.NotFound)
        {
            return null;
        }
    }

    private static string AlertsPath(long since) => $"api/alerts?since={since.ToString(CultureInfo.InvariantCulture)}";

    private static JsonElement? Parse(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
