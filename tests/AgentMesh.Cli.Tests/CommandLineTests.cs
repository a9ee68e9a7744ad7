namespace AgentMesh.Cli.Tests;

/// <summary>Parsing, help and the exit codes that need no node.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> Commands() =>
    [
        "node", "agents", "agents list", "agents show", "agents send", "agents suspend", "agents resume", "agents reset",
        "budget", "budget show", "budget set", "alerts", "cluster", "cluster status", "agent", "agent run", "demo",
    ];

    [Fact]
    public async Task Help_DescribesEveryCommand_ExitCodes_AndExamples()
    {
        var run = await CliRun.RunAsync("--help");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Output.Should().Contain("Usage:").And.Contain("agentmesh [command] [options]");
        foreach (var command in new[] { "node", "agents", "budget", "alerts", "cluster", "agent", "demo" })
        {
            run.Output.Should().MatchRegex($"(?m)^  {command} +\\S");
        }

        run.Output.Should().Contain("64 usage error").And.Contain("Examples:\n  agentmesh node --config");
        run.Error.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEachCommand_HasUsageAndExamples(string command)
    {
        var run = await CliRun.RunAsync([.. command.Split(' '), "--help"]);

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Output.Should().Contain($"agentmesh {command}").And.Contain("Examples:\n  agentmesh ");
    }

    [Fact]
    public async Task Help_OfARemoteCommand_NamesNodeTokenAndJson()
    {
        var run = await CliRun.RunAsync("agents", "list", "-h");

        run.Output.Should().Contain("--node <url>").And.Contain("$AGENTMESH_NODE, else http://127.0.0.1:5080")
            .And.Contain("--token <token>").And.Contain("$AGENTMESH_TOKEN").And.Contain("--json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("agents")]
    [InlineData("agents show")]
    [InlineData("agents suspend gpu-box")]
    [InlineData("agents send gpu-box")]
    [InlineData("alerts --since soon")]
    [InlineData("budget set")]
    [InlineData("agent run --id gpu-box")]
    [InlineData("cluster status extra")]
    public async Task BadCommandLine_ExitsWithUsageError_AndPointsAtHelp(string commandLine)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().MatchRegex(@"Run 'agentmesh[a-z ]*--help' for usage\.");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task UsageErrorHint_NamesTheCommandThatFailed()
    {
        var run = await CliRun.RunAsync("agents", "show");

        run.Error.Should().Contain("Run 'agentmesh agents show --help' for usage.");
    }

    [Theory]
    [InlineData("budget set global", "nothing to set")]
    [InlineData("budget set global --tokens-per-day -5", "--tokens-per-day must not be negative")]
    [InlineData("agents send gpu-box {oops --body-json", "--body-json: the text is not JSON")]
    [InlineData("agents list --node ftp://mac-mini", "the node address must be an http:// or https:// URL")]
    [InlineData("alerts --since -1", "--since must not be negative")]
    public async Task InvalidValue_ExitsWithUsageError_InOneLine(string commandLine, string message)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' '));

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().StartWith(message);
        run.Error.TrimEnd().Should().NotContain("\n");
    }

    [Theory]
    [InlineData("agents list")]
    [InlineData("agents show gpu-box --json")]
    [InlineData("agents send gpu-box hello")]
    [InlineData("agents suspend gpu-box --reason loop")]
    [InlineData("agents resume gpu-box")]
    [InlineData("agents reset gpu-box")]
    [InlineData("budget show")]
    [InlineData("budget set global --cost-per-day 10")]
    [InlineData("alerts")]
    [InlineData("alerts --follow")]
    [InlineData("cluster status")]
    public async Task UnreachableNode_ExitsWith2_AndOneLineWithoutAStackTrace(string commandLine)
    {
        var url = ClosedPort.Url();

        var run = await CliRun.RunAsync([.. commandLine.Split(' '), "--node", url]);

        run.ExitCode.Should().Be(ExitCodes.Unreachable);
        run.Error.Should().Be($"cannot reach the node at {url}/: connection refused (is the node running? start one with: agentmesh node){Environment.NewLine}");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task NodeAddress_ComesFromTheEnvironment_WhenNotGiven()
    {
        var url = ClosedPort.Url();

        var run = await CliRun.RunAsync(new Dictionary<string, string?> { ["AGENTMESH_NODE"] = url }, "agents", "list");

        run.ExitCode.Should().Be(ExitCodes.Unreachable);
        run.Error.Should().StartWith($"cannot reach the node at {url}/");
    }

    [Fact]
    public async Task NodeCommand_WithAnInvalidSetting_ExitsWithTheNodesConfigurationCode()
    {
        var run = await CliRun.RunAsync("node", "--AgentMesh:Link:MaxFrameBytes=-5", "--urls", "http://127.0.0.1:0");

        run.ExitCode.Should().Be(3);
        run.Error.Should().Contain("AgentMesh:Link:MaxFrameBytes = \"-5\"").And.NotContain("   at ");
    }

    [Fact]
    public async Task NodeCommand_WithAMissingConfigFile_ExitsWithTheNodesConfigurationCode()
    {
        var run = await CliRun.RunAsync("node", "--config", "/nonexistent/agentmesh.json");

        run.ExitCode.Should().Be(3);
        run.Error.Should().Contain("/nonexistent/agentmesh.json");
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliRun.RunAsync("--version");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Output.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }
}
