using System.Text.Json;
using AgentMesh.Actors.TestKit;
using AgentMesh.Client;

namespace AgentMesh.Cli.Tests;

/// <summary>Every admin command against a real node started in-process on a temporary SQLite file.</summary>
public sealed class NodeEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private TestNode _node = null!;
    private AgentLinkClient? _agent;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        await _node.DisposeAsync();
    }

    [Fact]
    public async Task AgentsList_PrintsTheNodesJson_AndATable()
    {
        await ConnectAgentAsync("gpu-box");

        var json = await RunAsync("agents", "list", "--json");
        var table = await RunAsync("agents", "list");

        json.ExitCode.Should().Be(ExitCodes.Ok);
        var agents = Parse(json).GetProperty("agents").EnumerateArray().ToList();
        agents.Should().ContainSingle().Which.GetProperty("id").GetString().Should().Be("gpu-box");
        agents[0].GetProperty("link").GetString().Should().Be("up");
        json.Output.Should().Contain("\n  \"agents\": [", "the JSON is indented");
        table.ExitCode.Should().Be(ExitCodes.Ok);
        table.Output.Should().Contain("gpu-box").And.Contain("STATE").And.Contain("up");
    }

    [Fact]
    public async Task AgentsList_OnAFreshNode_SaysThereAreNone()
    {
        var run = await RunAsync("agents", "list");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Output.Should().StartWith("No agents yet");
    }

    [Fact]
    public async Task AgentsShow_PrintsOneAgent_AndAnUnknownOneExits4()
    {
        await ConnectAgentAsync("gpu-box");

        var json = await RunAsync("agents", "show", "gpu-box", "--json");
        var table = await RunAsync("agents", "show", "gpu-box");
        var unknown = await RunAsync("agents", "show", "nobody");

        Parse(json).GetProperty("id").GetString().Should().Be("gpu-box");
        Parse(json).GetProperty("counters").GetProperty("incarnations").GetInt64().Should().Be(1);
        table.Output.Should().Contain("gpu-box").And.Contain("welcomesSent").And.Contain("inbox high-water");
        unknown.ExitCode.Should().Be(ExitCodes.NotFound);
        unknown.Error.Should().Be($"Not found: There is no agent 'nobody'.{Environment.NewLine}");
    }

    [Fact]
    public async Task AgentsSend_PutsTheMessageInTheInbox_AndARepeatIsADuplicate()
    {
        await ConnectAgentAsync("gpu-box");

        var first = await RunAsync("agents", "send", "gpu-box", "rebuild the index", "--json");
        var repeat = await RunAsync("agents", "send", "gpu-box", "rebuild the index");
        var other = await RunAsync("agents", "send", "gpu-box", """{"task":"reindex"}""", "--body-json", "--session-key", "ci", "--json");
        var toNobody = await RunAsync("agents", "send", "nobody", "hello");

        first.ExitCode.Should().Be(ExitCodes.Ok);
        Parse(first).GetProperty("messageId").GetInt64().Should().Be(1);
        Parse(first).GetProperty("duplicate").GetBoolean().Should().BeFalse();
        repeat.ExitCode.Should().Be(ExitCodes.Ok);
        repeat.Output.Should().StartWith("duplicate:");
        Parse(other).GetProperty("messageId").GetInt64().Should().Be(2);
        toNobody.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public async Task SuspendResumeReset_ChangeTheAgentsState()
    {
        await ConnectAgentAsync("gpu-box");

        var suspend = await RunAsync("agents", "suspend", "gpu-box", "--reason", "onboarding loop", "--json");
        var shown = await RunAsync("agents", "show", "gpu-box", "--json");
        var resume = await RunAsync("agents", "resume", "gpu-box");
        var reset = await RunAsync("agents", "reset", "gpu-box", "--json");
        var unknown = await RunAsync("agents", "resume", "nobody");

        suspend.ExitCode.Should().Be(ExitCodes.Ok);
        Parse(suspend).GetProperty("state").GetString().Should().Be("suspended");
        Parse(shown).GetProperty("suspendedReason").GetString().Should().Be("onboarding loop");
        resume.ExitCode.Should().Be(ExitCodes.Ok);
        resume.Output.Should().StartWith("gpu-box is ").And.NotContain("suspended");
        Parse(reset).GetProperty("agent").GetString().Should().Be("gpu-box");
        unknown.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public async Task ClusterStatus_ShowsThisNode()
    {
        var json = await RunAsync("cluster", "status", "--json");
        var table = await RunAsync("cluster", "status");

        json.ExitCode.Should().Be(ExitCodes.Ok);
        Parse(json).GetProperty("node").GetProperty("name").GetString().Should().Be("test-node");
        Parse(json).GetProperty("members").EnumerateArray().Should().ContainSingle();
        table.Output.Should().Contain("This node: test-node").And.Contain("up");
    }

    [Fact]
    public async Task AgentRun_TokensReachTheAgentsCounters()
    {
        await using var model = await FakeModelServer.StartAsync();
        await using var agent = StartAgentRun(model);
        await AwaitLinkUpAsync("gpu-box");

        var sent = await RunAsync("agents", "send", "gpu-box", "summarise the failures");
        await AwaitAssert.HoldsAsync(async () =>
        {
            var counters = Parse(await RunAsync("agents", "show", "gpu-box", "--json")).GetProperty("counters");
            counters.GetProperty("outputTokens").GetInt64().Should().Be(50);
        }, Settle);
        var shown = Parse(await RunAsync("agents", "show", "gpu-box", "--json")).GetProperty("counters");

        sent.ExitCode.Should().Be(ExitCodes.Ok);
        shown.GetProperty("inputTokens").GetInt64().Should().Be(200, "1,200 prompt tokens of which 1,000 cached; no context tokens");
        shown.GetProperty("cachedInputTokens").GetInt64().Should().Be(1000);
        shown.GetProperty("sessionsSpawned").GetInt64().Should().Be(1);
        agent.Output.Should().Contain("answered: \"reply 1\"");
    }

    [Fact]
    public async Task AgentRun_ThreeHttp400s_OpenTheCircuit_ThenSendIsRefused_AndResetClosesIt()
    {
        await using var model = await FakeModelServer.StartAsync();
        model.Respond = (_, _) => (400, FakeModelServer.Error("context too long"));
        await using var agent = StartAgentRun(model);
        await AwaitLinkUpAsync("gpu-box");

        foreach (var text in new[] { "one", "two", "three" })
        {
            (await RunAsync("agents", "send", "gpu-box", text)).ExitCode.Should().Be(ExitCodes.Ok);
        }

        await AwaitAssert.HoldsAsync(async () =>
        {
            var circuits = Parse(await RunAsync("agents", "show", "gpu-box", "--json")).GetProperty("circuits");
            circuits.EnumerateArray().Should().Contain(circuit => circuit.GetProperty("state").GetString() == "open");
        }, Settle);
        var table = await RunAsync("agents", "show", "gpu-box");
        var refused = await RunAsync("agents", "send", "gpu-box", "four");
        var reset = await RunAsync("agents", "reset", "gpu-box");
        var afterReset = Parse(await RunAsync("agents", "show", "gpu-box", "--json")).GetProperty("circuits");

        table.Output.Should().Contain("circuits").And.Contain("open");
        refused.ExitCode.Should().Be(ExitCodes.Refused);
        refused.Error.Should().Contain("circuit-open");
        reset.ExitCode.Should().Be(ExitCodes.Ok);
        afterReset.EnumerateArray().Should().NotContain(circuit => circuit.GetProperty("state").GetString() == "open");
        model.Calls.Should().Be(3);
        agent.Output.Should().Contain("failed (not retryable): HTTP 400 from the model endpoint: context too long");
    }

    [Fact]
    public async Task AlertsFollow_PrintsTheFlappingAlert_AsItIsRaised_UntilCtrlC()
    {
        await using var follow = new RunningCommand(environment: null, "alerts", "--follow", "--node", _node.Url);
        await AwaitAssert.HoldsAsync(() => follow.Output.Should().Contain("following alerts"), Settle);

        // Four link transitions inside two minutes: up, down, up, down.
        var incarnation = Guid.NewGuid().ToString("N");
        for (var connection = 0; connection < 2; connection++)
        {
            await using var agent = new AgentLinkClient(new AgentLinkClientOptions { NodeUri = _node.LinkUri, AgentId = "gpu-box", Incarnation = incarnation });
            await agent.ConnectAsync().WaitAsync(CliRun.Patience);
        }

        await AwaitAssert.HoldsAsync(() => follow.Output.Should().Contain("warning agent:gpu-box agent-flapping: Agent gpu-box is flapping"), Settle);
        (await follow.StopAsync()).Should().Be(ExitCodes.Ok);
        follow.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task AlertsFollow_WithJson_PrintsOneObjectPerLine()
    {
        await using var follow = new RunningCommand(environment: null, "alerts", "--follow", "--json", "--node", _node.Url);
        // With --json nothing says when the stream is open, and an agent's flapping alert is raised once an
        // hour: each attempt makes a new agent flap until one alert arrives after the stream opened.
        var attempt = 0;
        await AwaitAssert.HoldsAsync(async () =>
        {
            var incarnation = Guid.NewGuid().ToString("N");
            var agentId = $"gpu-box-{++attempt}";
            for (var connection = 0; connection < 2; connection++)
            {
                await using var agent = new AgentLinkClient(new AgentLinkClientOptions { NodeUri = _node.LinkUri, AgentId = agentId, Incarnation = incarnation });
                await agent.ConnectAsync().WaitAsync(CliRun.Patience);
            }

            follow.Output.Should().Contain("agent-flapping");
        }, Settle, interval: TimeSpan.FromMilliseconds(200));
        await follow.StopAsync();

        var line = follow.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(text => text.Contains("agent-flapping", StringComparison.Ordinal));
        using var alert = JsonDocument.Parse(line);
        alert.RootElement.GetProperty("scope").GetString().Should().StartWith("agent:gpu-box-");
        alert.RootElement.GetProperty("severity").GetString().Should().Be("warning");
    }

    private static JsonElement Parse(CliRun run)
    {
        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }

    private Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--node", _node.Url]);

    private async Task ConnectAgentAsync(string agentId)
    {
        _agent = new AgentLinkClient(new AgentLinkClientOptions { NodeUri = _node.LinkUri, AgentId = agentId });
        await _agent.ConnectAsync().WaitAsync(CliRun.Patience);
    }

    private RunningCommand StartAgentRun(FakeModelServer model) => new(
        environment: null,
        "agent", "run", "--id", "gpu-box", "--node", _node.LinkUri.ToString(), "--base-url", model.BaseUrl,
        "--model", "gpt-4o-mini", "--context-tokens", "0");

    private async Task AwaitLinkUpAsync(string agentId) =>
        await AwaitAssert.HoldsAsync(async () =>
        {
            var run = await RunAsync("agents", "show", agentId, "--json");
            Parse(run).GetProperty("link").GetString().Should().Be("up");
        }, Settle);
}
