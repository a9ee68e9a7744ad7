using System.Text;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Agent;
using AgentMesh.Cli.Commands;

namespace AgentMesh.Cli.Tests;

/// <summary>The small pure parts: the event-stream reader, problem details, provider names, link addresses.</summary>
public sealed class PartsTests
{
    [Fact]
    public async Task EventStream_IsSplitAtBlankLines_WithCommentsSkipped_AndDataLinesJoined()
    {
        const string Text = ": connected\n\nevent: alert\nid: 3\ndata: {\"a\":1}\n\n: heartbeat\n\ndata: one\ndata:two\n\nevent: dropped\n\nevent: agent\ndata: {}\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Text));

        var events = new List<ServerSentEvent>();
        await foreach (var item in ServerSentEventReader.ReadAsync(stream, CancellationToken.None))
        {
            events.Add(item);
        }

        events.Should().Equal(
            new ServerSentEvent("alert", "3", "{\"a\":1}"),
            new ServerSentEvent("message", "3", "one\ntwo"));
    }

    [Theory]
    [InlineData("""{"title":"Not found","detail":"There is no agent 'x'."}""", "Not found: There is no agent 'x'.", null)]
    [InlineData("""{"title":"Message refused: circuit-open","detail":"3 failures\nin a row","reason":"circuit-open"}""", "Message refused: circuit-open: 3 failures in a row", "circuit-open")]
    [InlineData("""{"detail":"only detail"}""", "only detail", null)]
    [InlineData("<html>bad gateway</html>", null, null)]
    [InlineData("", null, null)]
    public void ProblemDetails_AreOneLine(string body, string? summary, string? reason)
    {
        var problem = ProblemDetails.Parse(body);

        problem.Summary.Should().Be(summary);
        problem.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "openai")]
    [InlineData("https://api.anthropic.com/v1", "anthropic")]
    [InlineData("https://openrouter.ai/api/v1", "openrouter")]
    [InlineData("http://127.0.0.1:11434/v1", "local")]
    [InlineData("http://localhost:8000/v1", "local")]
    [InlineData("https://gateway.example.com/v1", "example")]
    public void Provider_IsDerivedFromTheBaseUrl(string baseUrl, string provider) =>
        ProviderNames.FromBaseUrl(new Uri(baseUrl)).Should().Be(provider);

    [Theory]
    [InlineData("ws://mac-mini:5080/agents/link", "ws://mac-mini:5080/agents/link")]
    [InlineData("http://mac-mini:5080", "ws://mac-mini:5080/agents/link")]
    [InlineData("https://mesh.example.com/", "wss://mesh.example.com/agents/link")]
    [InlineData("http://proxy:80/mesh/agents/link", "ws://proxy/mesh/agents/link")]
    public void LinkUri_AcceptsWebSocketAndNodeAddresses(string text, string expected) =>
        AgentCommand.LinkUri(text).Should().Be(new Uri(expected));

    [Fact]
    public void LinkUri_RefusesOtherSchemes() =>
        FluentActions.Invoking(() => AgentCommand.LinkUri("ftp://x")).Should().Throw<CliException>()
            .Which.ExitCode.Should().Be(ExitCodes.Usage);
}
