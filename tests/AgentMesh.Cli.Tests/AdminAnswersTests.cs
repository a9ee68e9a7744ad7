using System.Text.Json;

namespace AgentMesh.Cli.Tests;

/// <summary>Budgets, alerts and failure statuses against a stub admin API with canned answers.</summary>
public sealed class AdminAnswersTests : IAsyncLifetime
{
    private const string Budgets = """
        {"budgets":[
          {"scope":"agent:gpu-box","limits":{"tokensPerDay":10000000,"costPerDay":50,"tokensPerMinute":null},
           "spend":{"day":{"inputTokens":80500,"cachedInputTokens":0,"outputTokens":600,"costUsd":0.2505}},
           "velocity":{"tokensPerMinute":16220,"spawnsLastHour":1},"breached":["soft:tokensPerDay"]},
          {"scope":"global","limits":{}}
        ]}
        """;

    private const string Alerts = """
        {"alerts":[
          {"id":7,"time":"2026-01-05T02:20:00Z","severity":"warning","scope":"agent:gpu-box","kind":"agent-flapping","message":"Agent gpu-box is flapping","figures":{"flapEpisodes":1}},
          {"id":8,"time":"2026-01-05T02:23:00Z","severity":"critical","scope":"agent:gpu-box","kind":"budget-hard","message":"tokens per minute over the limit","figures":null}
        ]}
        """;

    private StubAdminApi _api = null!;

    public async Task InitializeAsync() => _api = await StubAdminApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task BudgetShow_RendersWhateverFieldsTheNodeSends()
    {
        _api.Answer("GET", "/api/budgets", 200, Budgets);

        var table = await RunAsync("budget", "show");
        var json = await RunAsync("budget", "show", "--json");

        table.ExitCode.Should().Be(ExitCodes.Ok);
        table.Output.Should().Contain("agent:gpu-box").And.Contain("global")
            .And.MatchRegex(@"│ limits\.tokensPerDay +│ +10,000,000 │")
            .And.MatchRegex(@"│ limits\.costPerDay +│ +\$50\.00 │")
            .And.MatchRegex(@"│ limits\.tokensPerMinute +│ +none │")
            .And.MatchRegex(@"│ spend\.day\.costUsd +│ +\$0\.2505 │")
            .And.MatchRegex(@"│ velocity\.spawnsLastHour +│ +1 │")
            .And.MatchRegex(@"│ breached +│ +soft:tokensPerDay │");
        using var document = JsonDocument.Parse(json.Output);
        document.RootElement.GetProperty("budgets").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task BudgetSet_SendsOnlyTheLimitsGiven_ToTheEscapedScope()
    {
        _api.Answer("PUT", "/api/budgets/model:openai%2Fgpt-4o", 200, """{"scope":"model:openai/gpt-4o","limits":{"tokensPerDay":5000000,"costPerDay":12.5}}""");

        var run = await RunAsync("budget", "set", "model:openai/gpt-4o", "--tokens-per-day", "5000000", "--cost-per-day", "12.5", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        var request = _api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("PUT");
        request.Path.Should().Be("/api/budgets/model:openai%2Fgpt-4o");
        JsonDocument.Parse(request.Body).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText()))
            .Should().Equal(("tokensPerDay", "5000000"), ("costPerDay", "12.5"));
        JsonDocument.Parse(run.Output).RootElement.GetProperty("scope").GetString().Should().Be("model:openai/gpt-4o");
    }

    [Fact]
    public async Task BudgetReset_DeletesTheEscapedScope_AndShowsWhatIsInForce()
    {
        _api.Answer("DELETE", "/api/budgets/model:openai%2Fgpt-4o", 200, """{"scope":"model:openai/gpt-4o","limits":{"tokensPerDay":1000},"limitsSource":1}""");

        var run = await RunAsync("budget", "reset", "model:openai/gpt-4o", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        var request = _api.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("DELETE");
        request.Path.Should().Be("/api/budgets/model:openai%2Fgpt-4o");
        JsonDocument.Parse(run.Output).RootElement.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(1000);
    }

    [Fact]
    public async Task Alerts_ListsThem_WithSince()
    {
        _api.Answer("GET", "/api/alerts?since=6", 200, Alerts);

        var table = await RunAsync("alerts", "--since", "6");
        var json = await RunAsync("alerts", "--since", "6", "--json");

        table.ExitCode.Should().Be(ExitCodes.Ok);
        table.Output.Should().Contain("agent-flapping").And.Contain("budget-hard").And.Contain("critical").And.Contain("SEVERITY");
        JsonDocument.Parse(json.Output).RootElement.GetProperty("alerts")[1].GetProperty("id").GetInt64().Should().Be(8);
    }

    [Theory]
    [InlineData(400, ExitCodes.Usage, """{"title":"Bad request","detail":"'sessionKey' is at most 64 characters."}""", "Bad request: 'sessionKey' is at most 64 characters.")]
    [InlineData(409, ExitCodes.Refused, """{"title":"Message refused","detail":"The agent is suspended.","reason":"suspended"}""", "Message refused: The agent is suspended. (suspended)")]
    [InlineData(500, ExitCodes.Unexpected, """{"title":"An error occurred","traceId":"00-abc"}""", "the node failed (500): An error occurred")]
    [InlineData(503, ExitCodes.Unexpected, """{"title":"Store unavailable","detail":"The store did not answer within 2s."}""", "the node failed (503): Store unavailable: The store did not answer within 2s.")]
    [InlineData(502, ExitCodes.Unexpected, "<html>bad gateway</html>", "the node failed (502): 502 Bad Gateway")]
    public async Task FailureStatus_MapsToItsExitCode_WithTheProblemOnOneLine(int status, int exitCode, string body, string message)
    {
        _api.Answer("POST", "/api/agents/gpu-box/messages", status, body);

        var run = await RunAsync("agents", "send", "gpu-box", "hello");

        run.ExitCode.Should().Be(exitCode);
        run.Error.Should().Be(message + Environment.NewLine);
    }

    [Fact]
    public async Task NotJson_IsAnUnexpectedFailure()
    {
        _api.Answer("GET", "/api/cluster", 200, "<html>a proxy's page</html>");

        var run = await RunAsync("cluster", "status");

        run.ExitCode.Should().Be(ExitCodes.Unexpected);
        run.Error.Should().StartWith($"the node at {_api.Url}/ answered api/cluster with something that is not JSON");
    }

    private Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync([.. args, "--node", _api.Url]);
}
