using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Rendering;
using AgentMesh.Node.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Demo;

/// <summary>
/// <c>agentmesh demo</c>: a node in-process on a temporary SQLite file and a free loopback port, two
/// simulated agents on the real agent link (AgentMesh.Client), and the incident replayed against it,
/// live. The node's answers are real: its state, counters, events and alerts come from its admin API.
/// </summary>
internal sealed partial class DemoRunner(CliContext context, CliOutput output, DemoSettings settings)
{
    private const string Newcomer = "gpu-box";
    private const string Orchestrator = "mac-mini";

    /// <summary>How often the live view and the newcomer's counters are refreshed.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    private readonly DemoScoreboard _scoreboard = new();
    private readonly TimeProvider _time = context.TimeProvider;
    private DemoSettings _settings = settings;
    private string? _budgetNote;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("agentmesh-demo-");
        NodeHost? node = null;
        try
        {
            node = await StartNodeAsync(directory.FullName, cancellationToken);
            var url = node.Addresses[0];
            _settings = _settings with { DashboardUrl = url.ToString() };
            using var admin = new AdminClient(url, token: null);
            _budgetNote = await SetBudgetAsync(admin, cancellationToken);

            using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var events = FollowEventsAsync(admin, background.Token);
            var polling = PollAsync(admin, background.Token);
            var started = _time.GetTimestamp();
            try
            {
                await ShowAsync(ReplayAsync(LinkUri(url), cancellationToken), started, cancellationToken);
                await PollOnceAsync(admin, cancellationToken);
            }
            finally
            {
                await background.CancelAsync();
                await Task.WhenAll(events, polling);
            }

            output.Write(DemoView.Render(_scoreboard.Snapshot(), _settings, _time.GetElapsedTime(started), _budgetNote));
            output.MarkupLine($"Dashboard: [link]{Markup.Escape(url.ToString())}[/]");
            if (_settings.KeepRunning)
            {
                output.Line("The node keeps running with the demo's data; Ctrl-C stops it.");
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
            }
            else
            {
                output.Line("The node stops now and its temporary data is deleted (agentmesh demo --keep-running keeps it up).");
            }

            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (NodeStartupException e)
        {
            throw new CliException(ExitCodes.Unexpected, $"the demo's node did not start: {e.Message}", e);
        }
        finally
        {
            if (node is not null)
            {
                await node.StopAsync(CancellationToken.None);
                await node.DisposeAsync();
            }

            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still closing; the system cleans temporary files.
            }
        }
    }

    private static Uri LinkUri(Uri nodeUrl) =>
        new(nodeUrl.GetLeftPart(UriPartial.Authority).Replace("http://", "ws://", StringComparison.Ordinal) + "/agents/link");

    private async Task<NodeHost> StartNodeAsync(string directory, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "--AgentMesh:Node:Name=demo",
            "--AgentMesh:Node:Urls=http://127.0.0.1:0",
            $"--AgentMesh:Store:Sqlite:Path={Path.Combine(directory, "agentmesh.db")}",
            "--AgentMesh:Logging:Console:Enabled=false",
            "--AgentMesh:Logging:File:Enabled=false",
        ];
        return await NodeHost.StartAsync(args, new NodeHostOptions
        {
            // The demo's node reads nothing from the machine: no settings file, no AGENTMESH__ variables.
            SettingsFile = Path.Combine(directory, "no-appsettings.json"),
            EnvironmentVariables = new Dictionary<string, string?>(),
            ConsoleOutput = TextWriter.Null,
            ErrorOutput = context.Error,
        }, cancellationToken);
    }

    /// <summary>A small day budget for the newcomer, so that its one real session crosses the 80% alert line.</summary>
    private static async Task<string?> SetBudgetAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            await admin.PutAsync($"api/budgets/{AdminClient.Segment("agent:" + Newcomer)}", new JsonObject { ["tokensPerDay"] = 100_000 }, cancellationToken);
            return $"budget agent:{Newcomer}: 100,000 tokens a day, so one 80K session reaches the 80% alert line.";
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.NotFound)
        {
            return "This node has no budgets API yet, so no budget alert can be raised.";
        }
        catch (CliException e)
        {
            return $"Setting the demo's budget failed: {e.Message}";
        }
    }

    /// <summary>The live view on a terminal; plain event lines elsewhere (a log, a test).</summary>
    private async Task ShowAsync(Task replay, long started, CancellationToken cancellationToken)
    {
        if (!output.IsTerminal)
        {
            _scoreboard.EventAdded += line => output.Line($"{_time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),5} s  {line}");
            await replay;
            return;
        }

        await output.Console.Live(DemoView.Render(_scoreboard.Snapshot(), _settings, TimeSpan.Zero, _budgetNote))
            .AutoClear(true)
            .StartAsync(async live =>
            {
                while (!replay.IsCompleted)
                {
                    live.UpdateTarget(DemoView.Render(_scoreboard.Snapshot(), _settings, _time.GetElapsedTime(started), _budgetNote));
                    await Task.WhenAny(replay, Task.Delay(Refresh, _time, cancellationToken));
                }
            });
        await replay;
    }

    private async Task PollAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await PollOnceAsync(admin, cancellationToken);
                await Task.Delay(Refresh, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The replay is over.
        }
    }

    private async Task PollOnceAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            _scoreboard.AgentSeen(await admin.GetAsync($"api/agents/{Newcomer}", cancellationToken));
        }
        catch (CliException)
        {
            // Not registered yet, or a slow answer: the next poll tries again.
        }
    }

    /// <summary>The node's own account of what happened to the newcomer, and every alert, from <c>/api/events</c>.</summary>
    private async Task FollowEventsAsync(AdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await admin.OpenEventStreamAsync(cancellationToken);
            await foreach (var item in ServerSentEventReader.ReadAsync(stream, cancellationToken))
            {
                if (item.Type == "alert" && Parse(item.Data) is { } alert)
                {
                    _scoreboard.Alert($"{alert.Text("severity")} {alert.Text("scope")} {alert.Text("kind")}: {alert.Text("message")}");
                }
                else if (item.Type == "agent" && Parse(item.Data) is { } notice && notice.Text("agentId") == Newcomer &&
                    notice.Text("kind") is "state-changed" or "welcome-sent" or "duplicate-dropped" or "session-spawned" or "spawn-throttled")
                {
                    _scoreboard.Event($"node: {notice.Text("kind")}: {notice.Text("detail")}");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or CliException or IOException or HttpRequestException)
        {
            // The replay is over, or the stream broke: the demo goes on with what it polls.
        }
    }

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
