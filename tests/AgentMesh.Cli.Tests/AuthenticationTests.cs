namespace AgentMesh.Cli.Tests;

/// <summary>The admin token against a real node that requires one.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AdminToken = "admin-token-0123456789abcdef";

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync($"Auth:AdminToken={AdminToken}");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task MissingToken_ExitsUnauthorized_AndSaysHowToPassOne()
    {
        var run = await CliRun.RunAsync("agents", "list", "--node", _node.Url);

        run.ExitCode.Should().Be(ExitCodes.Unauthorized);
        run.Error.Should().StartWith("Unauthorized: ").And.EndWith($"(no token was sent: pass --token or set AGENTMESH_TOKEN){Environment.NewLine}");
    }

    [Fact]
    public async Task WrongToken_ExitsUnauthorized()
    {
        var run = await CliRun.RunAsync("cluster", "status", "--node", _node.Url, "--token", "wrong-token-0123456789");

        run.ExitCode.Should().Be(ExitCodes.Unauthorized);
        run.Error.Should().StartWith("Unauthorized: ").And.NotContain("wrong-token");
    }

    [Fact]
    public async Task Token_FromTheOptionOrTheEnvironment_IsAccepted()
    {
        var fromOption = await CliRun.RunAsync("cluster", "status", "--node", _node.Url, "--token", AdminToken);
        var fromEnvironment = await CliRun.RunAsync(
            new Dictionary<string, string?> { ["AGENTMESH_TOKEN"] = AdminToken, ["AGENTMESH_NODE"] = _node.Url },
            "cluster", "status", "--json");

        fromOption.ExitCode.Should().Be(ExitCodes.Ok);
        fromEnvironment.ExitCode.Should().Be(ExitCodes.Ok);
    }
}
