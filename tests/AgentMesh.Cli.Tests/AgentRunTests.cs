using System.Text.Json;
using AgentMesh.Client.Frames;
using AgentMesh.Testing.Link;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// <c>agentmesh agent run</c> between a scripted node (Kestrel WebSocket) and a fake OpenAI-compatible
/// endpoint (Kestrel HTTP), both on loopback: the frames it sends for what the model answers.
/// </summary>
public sealed class AgentRunTests : IAsyncLifetime
{
    private ScriptedNode _node = null!;
    private FakeModelServer _model = null!;
    private string _promptFile = null!;

    public async Task InitializeAsync()
    {
        _node = await ScriptedNode.StartAsync();
        _node.HelloOk = new HelloOkFrame("scripted-node", AgentStates.Ready, 0);
        _model = await FakeModelServer.StartAsync();
        _promptFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(_promptFile, "You are gpu-box, the build agent.");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _model.DisposeAsync();
        File.Delete(_promptFile);
    }

    [Fact]
    public async Task Deliver_RunsTheModel_AndReportsSessionStartUsageAndOk()
    {
        await using var agent = Start("--context-tokens", "0", "--api-key-env", "TEST_KEY");
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 7, "rebuild the index"));
        var started = await link.NextAsync<SessionStartedFrame>();
        var usage = await link.NextAsync<UsageFrame>();
        var result = await link.NextAsync<ResultFrame>();
        var request = await _model.NextRequestAsync();

        link.Hello.AgentId.Should().Be("gpu-box");
        link.Hello.Incarnation.Should().NotBeNullOrEmpty();
        started.SessionId.Should().Be("s1");
        request.Model.Should().Be("gpt-4o-mini");
        request.Authorization.Should().Be("Bearer sk-test");
        request.Messages.Should().Equal(("system", "You are gpu-box, the build agent."), ("user", "rebuild the index"));
        usage.Should().BeEquivalentTo(new { SessionId = "s1", Provider = "local", Model = "gpt-4o-mini", InputTokens = 200L, CachedInputTokens = 1000L, OutputTokens = 50L });
        result.Should().BeEquivalentTo(new { SessionId = "s1", MessageId = 7L, Status = ResultStatus.Ok, Retryable = false });
        (await agent.StopAsync()).Should().Be(ExitCodes.Ok);
        agent.Output.Should().Contain("message 7 answered: \"reply 1\"");
    }

    [Fact]
    public async Task SecondMessage_InTheSameSession_CarriesTheConversation_AndTheContextIsBilledOnce()
    {
        await using var agent = Start("--context-tokens", "150", "--provider", "openai");
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 1, "first"));
        var started = await link.NextAsync<SessionStartedFrame>();
        var firstUsage = await link.NextAsync<UsageFrame>();
        await link.NextAsync<ResultFrame>();
        await link.SendAsync(Deliver("s1", 2, "second"));
        var secondUsage = await link.NextAsync<UsageFrame>();
        await link.NextAsync<ResultFrame>();
        await _model.NextRequestAsync();
        var second = await _model.NextRequestAsync();

        link.Hello.ContextTokens.Should().Be(150);
        started.ContextTokens.Should().Be(150);
        firstUsage.InputTokens.Should().Be(50, "the 150 context tokens reported at session start are not reported again");
        firstUsage.Provider.Should().Be("openai");
        secondUsage.InputTokens.Should().Be(200);
        second.Messages.Should().Equal(
            ("system", "You are gpu-box, the build agent."), ("user", "first"), ("assistant", "reply 1"), ("user", "second"));
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task ModelEndpointError_IsReportedFailed_RetryableOnlyFor429And5xx(int status, bool retryable)
    {
        _model.Respond = (_, _) => (status, FakeModelServer.Error("the model said no"));
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 3, "do it"));
        await link.NextAsync<SessionStartedFrame>();
        var result = await link.NextAsync<ResultFrame>();

        result.Status.Should().Be(ResultStatus.Failed);
        result.Retryable.Should().Be(retryable);
        result.MessageId.Should().Be(3);
        result.Error.Should().Be($"HTTP {status} from the model endpoint: the model said no");
        (await agent.StopAsync()).Should().Be(ExitCodes.Ok);
        agent.Output.Should().Contain($"message 3 failed ({(retryable ? "retryable" : "not retryable")})");
    }

    [Fact]
    public async Task FailedCall_IsWithdrawnFromTheConversation_SoTheRetryAsksOnce()
    {
        _model.Respond = (call, _) => call == 1
            ? (503, FakeModelServer.Error("overloaded"))
            : (200, FakeModelServer.Completion("done", 10, 0, 1));
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 1, "try"));
        await link.NextAsync<SessionStartedFrame>();
        (await link.NextAsync<ResultFrame>()).Retryable.Should().BeTrue();
        await link.SendAsync(Deliver("s1", 1, "try"));
        await link.NextAsync<UsageFrame>();
        (await link.NextAsync<ResultFrame>()).Status.Should().Be(ResultStatus.Ok);
        await _model.NextRequestAsync();
        var retry = await _model.NextRequestAsync();

        retry.Messages.Should().Equal(("system", "You are gpu-box, the build agent."), ("user", "try"));
    }

    [Fact]
    public async Task Suspended_HoldsModelCalls_UntilResumed()
    {
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(new SuspendedFrame("budget"));
        await link.SendAsync(Deliver("s1", 4, "while suspended"));
        await link.SendAsync(new NudgeFrame(4));
        // The fetch answers the nudge, so the frame loop has seen the suspension and the delivery.
        await link.NextAsync<FetchFrame>();
        var callsWhileSuspended = _model.Calls;
        await link.SendAsync(new ResumedFrame());
        await link.NextAsync<SessionStartedFrame>();
        await link.NextAsync<UsageFrame>();
        var result = await link.NextAsync<ResultFrame>();

        callsWhileSuspended.Should().Be(0);
        result.Should().BeEquivalentTo(new { MessageId = 4L, Status = ResultStatus.Ok });
        _model.Calls.Should().Be(1);
    }

    [Fact]
    public async Task HelloOkSuspended_HoldsModelCalls_Too()
    {
        _node.HelloOk = new HelloOkFrame("scripted-node", AgentStates.Suspended, 0);
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 1, "held"));
        await link.SendAsync(new NudgeFrame(1));
        await link.NextAsync<FetchFrame>();

        _model.Calls.Should().Be(0);
    }

    [Fact]
    public async Task StopSession_DropsTheConversation_AndANewSessionStartsAfresh()
    {
        await using var agent = Start("--context-tokens", "0");
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 1, "one"));
        await link.NextAsync<SessionStartedFrame>();
        await link.NextAsync<UsageFrame>();
        await link.NextAsync<ResultFrame>();
        await link.SendAsync(new StopSessionFrame("s1", StopReasons.Operator));
        await link.SendAsync(Deliver("s1", 2, "late for the stopped session"));
        await link.SendAsync(Deliver("s2", 3, "two"));
        var started = await link.NextAsync<SessionStartedFrame>();
        await link.NextAsync<UsageFrame>();
        var result = await link.NextAsync<ResultFrame>();
        await _model.NextRequestAsync();
        var fresh = await _model.NextRequestAsync();

        started.SessionId.Should().Be("s2");
        result.Should().BeEquivalentTo(new { SessionId = "s2", MessageId = 3L });
        fresh.Messages.Should().Equal(("system", "You are gpu-box, the build agent."), ("user", "two"));
        _model.Calls.Should().Be(2, "the delivery for the stopped session was skipped");
        agent.Output.Should().Contain("message 2 skipped: session s1 was stopped");
    }

    [Fact]
    public async Task Welcome_IsAcknowledged_AndItsPayloadJoinsNewConversations()
    {
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(new WelcomeFrame("w-1", JsonSerializer.SerializeToElement("the build docs")));
        var ack = await link.NextAsync<WelcomeAckFrame>();
        await link.SendAsync(Deliver("s1", 1, "go"));
        await link.NextAsync<SessionStartedFrame>();
        var request = await _model.NextRequestAsync();

        ack.WelcomeId.Should().Be("w-1");
        request.Messages.Should().Equal(
            ("system", "You are gpu-box, the build agent."),
            ("system", "Onboarding material from the AgentMesh node:\nthe build docs"),
            ("user", "go"));
    }

    [Fact]
    public async Task Nudge_FetchesAfterTheLastDeliveredMessage()
    {
        await using var agent = Start();
        var link = await _node.NextConnectionAsync();

        await link.SendAsync(Deliver("s1", 12, "x"));
        await link.SendAsync(new NudgeFrame(15));

        // The delivered message's session runs alongside: its session-started (and usage, result) may
        // come before or after the fetch.
        FetchFrame? fetch = null;
        while (fetch is null)
        {
            fetch = await link.Received.ReadAsync().AsTask().WaitAsync(ScriptedNode.Patience) as FetchFrame;
        }

        fetch.After.Should().Be(12);
        fetch.Limit.Should().Be(50);
    }

    [Fact]
    public async Task Token_IsSentAsBearer_FromTheEnvironment()
    {
        await using var agent = Start(environment: new Dictionary<string, string?> { ["AGENTMESH_TOKEN"] = "agent-token-0123456789" });
        var link = await _node.NextConnectionAsync();

        link.Authorization.Should().Be("Bearer agent-token-0123456789");
    }

    [Fact]
    public async Task RefusedToken_ExitsUnauthorized()
    {
        _node.RefuseWith = 401;

        var run = await CliRun.RunAsync(Arguments());

        run.ExitCode.Should().Be(ExitCodes.Unauthorized);
        run.Error.Should().StartWith("the node refused the agent token (HTTP 401)");
    }

    [Theory]
    [InlineData("--api-key-env", "NOT_SET_ANYWHERE", "--api-key-env names NOT_SET_ANYWHERE, which is not set")]
    [InlineData("--system-prompt-file", "/nonexistent/prompt.md", "--system-prompt-file: cannot read /nonexistent/prompt.md")]
    [InlineData("--base-url", "ftp://example", "--base-url must be an http:// or https:// URL")]
    [InlineData("--id", "not an id!", "--id: An agent id must be 1–64 characters of [A-Za-z0-9._-]")]
    public async Task BadOption_IsAUsageError(string option, string value, string message)
    {
        var args = Arguments().ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await CliRun.RunAsync([.. args]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain(message);
    }

    private static DeliverFrame Deliver(string session, long messageId, string text) =>
        new(session, messageId, "operator", JsonSerializer.SerializeToElement(text), "default");

    private string[] Arguments(params string[] extra) =>
    [
        "agent", "run", "--id", "gpu-box", "--node", _node.LinkUri.ToString(), "--base-url", _model.BaseUrl,
        "--model", "gpt-4o-mini", "--system-prompt-file", _promptFile, .. extra,
    ];

    private RunningCommand Start(params string[] extra) => Start(environment: null, extra);

    private RunningCommand Start(IReadOnlyDictionary<string, string?>? environment, params string[] extra) =>
        new(environment ?? new Dictionary<string, string?> { ["TEST_KEY"] = "sk-test" }, Arguments(extra));
}
