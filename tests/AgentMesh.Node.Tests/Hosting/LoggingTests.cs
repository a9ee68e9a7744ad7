using System.Net.Http.Headers;
using System.Text.Json;
using AgentMesh.Node.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Tests.Hosting;

public sealed class LoggingTests
{
    private const string AdminToken = "admin-token-0123456789";
    private const string AgentToken = "agent-token-9876543210";

    [Fact]
    public async Task JsonFile_CarriesTheNodeAndScopeFields_AndStableEventIds()
    {
        var node = await TestNode.StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"], application: app =>
            app.MapGet("/api/log", (ILogger<LoggingTests> logger) =>
            {
                using (logger.BeginAgentScope("gpu-box", "6f1c2a"))
                using (logger.BeginSessionScope("s-1"))
                {
                    logger.LogInformation("Handled {Thing}", "a message");
                }

                return "logged";
            }));
        List<JsonElement> lines;
        await using (node)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/log") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminToken) } };
            (await node.Client.SendAsync(request).WaitAsync(TestNode.Timeout)).EnsureSuccessStatusCode();
            (await node.Client.GetAsync("/api/log").WaitAsync(TestNode.Timeout)).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
            await node.StopAsync();
            var file = Directory.GetFiles(node.Directory.File("logs"), "agentmesh-*.json").Should().ContainSingle().Subject;
            lines = [.. File.ReadAllLines(file).Select(line => JsonDocument.Parse(line).RootElement)];
        }

        var handled = lines.Single(line => line.GetProperty("MessageTemplate").GetString() == "Handled {Thing}");
        var properties = handled.GetProperty("Properties");
        properties.GetProperty("Node").GetString().Should().Be("test-node");
        properties.GetProperty("AgentId").GetString().Should().Be("gpu-box");
        properties.GetProperty("Incarnation").GetString().Should().Be("6f1c2a");
        properties.GetProperty("SessionId").GetString().Should().Be("s-1");
        handled.GetProperty("RenderedMessage").GetString().Should().Be("Handled \"a message\"");
        var refused = lines.Single(line => line.GetProperty("MessageTemplate").GetString()!.StartsWith("Refused an admin call", StringComparison.Ordinal));
        refused.GetProperty("Level").GetString().Should().Be("Warning");
        refused.GetProperty("Properties").GetProperty("EventId").GetProperty("Id").GetInt32().Should().Be(5200);
    }

    [Fact]
    public async Task Tokens_NeverAppearInTheLogs_EvenAtDebugWithTheConfigurationDump()
    {
        var node = await TestNode.StartAsync([
            $"AgentMesh:Auth:AdminToken={AdminToken}",
            $"AgentMesh:Auth:AgentTokens:gpu-box={AgentToken}",
            "AgentMesh:Logging:LogLevel:Default=Trace",
        ]);
        string fileText;
        await using (node)
        {
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/anything") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AgentToken) } };
            (await node.Client.SendAsync(wrong).WaitAsync(TestNode.Timeout)).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
            await node.StopAsync();
            fileText = string.Concat(Directory.GetFiles(node.Directory.File("logs")).Select(File.ReadAllText));
        }

        var console = node.Console.ToString();
        console.Should().Contain("Configuration: AgentMesh:Auth:AdminToken = (hidden) on the command line")
            .And.Contain("Configuration: AgentMesh:Auth:AgentTokens:gpu-box = (hidden) on the command line")
            .And.Contain("Refused an admin call to /api/anything from 127.0.0.1: WrongToken");
        foreach (var text in new[] { console, fileText })
        {
            text.Should().NotContain(AdminToken).And.NotContain(AgentToken);
        }
    }

    [Fact]
    public async Task Levels_ComeFromConfiguration_PerCategory()
    {
        await using var node = await TestNode.StartAsync([
            "AgentMesh:Logging:LogLevel:Default=Warning",
            "AgentMesh:Logging:LogLevel:AgentMesh.Node.Hosting=Information",
            "AgentMesh:Logging:File:Enabled=false",
        ]);

        var console = node.Console.ToString();
        console.Should().Contain("AgentMesh.Node.Hosting.ActorSystemLifetime: Opening the store");
        console.Should().NotContain("listening on", "AgentMesh.Node logs at Information, below the default of Warning");
        Directory.Exists(node.Directory.File("logs")).Should().BeFalse();
    }
}
