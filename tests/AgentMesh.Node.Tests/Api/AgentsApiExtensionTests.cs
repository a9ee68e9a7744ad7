using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Tests.Dashboard;

namespace AgentMesh.Node.Tests.Api;

/// <summary>What this node adds to spec/admin-api.md for the dashboard: an agent's budget figures and its token-velocity series.</summary>
public sealed class AgentsApiExtensionTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AgentList_AddsEachAgentsBudget_AndKeepsEveryFieldOfTheSpec()
    {
        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");
        await agent.ReportUsageAsync("s-1", "openai", "gpt-4o-mini", 500, 100, 250).WaitAsync(TestAgents.Timeout);

        JsonElement listed = default;
        await AwaitAssert.HoldsAsync(async () =>
        {
            var list = await _node.Client.GetFromJsonAsync<JsonElement>("/api/agents");
            listed = list.GetProperty("agents").EnumerateArray().Single();
            listed.GetProperty("budget").GetProperty("today").GetProperty("meteredTokens").GetInt64().Should().Be(750);
        }, TestNode.Timeout);
        var shown = await _node.Client.GetFromJsonAsync<JsonElement>("/api/agents/gpu-box");

        foreach (var agentJson in new[] { listed, shown })
        {
            foreach (var field in new[] { "id", "state", "incarnation", "ownerNode", "link", "counters", "sessions", "circuits", "inboxHighWater", "recentEvents" })
            {
                agentJson.TryGetProperty(field, out _).Should().BeTrue(field);
            }

            agentJson.GetProperty("counters").GetProperty("outputTokens").GetInt64().Should().Be(250);
            var budget = agentJson.GetProperty("budget");
            budget.GetProperty("scope").GetString().Should().Be("agent:gpu-box");
            budget.GetProperty("tokensPerMinute").GetDecimal().Should().Be(150m, "750 metered tokens over the default 5-minute velocity span");
            budget.GetProperty("today").GetProperty("cachedInputTokens").GetInt64().Should().Be(100);
            budget.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(10_000_000);
        }
    }

    [Fact]
    public async Task Velocity_ListsTheAgentsTokensInTenSecondBuckets_AndIs404ForAnUnknownAgent()
    {
        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");
        await agent.ReportUsageAsync("s-1", "openai", "gpt-4o-mini", 400, 0, 100).WaitAsync(TestAgents.Timeout);

        await AwaitAssert.HoldsAsync(async () =>
        {
            var series = await _node.Client.GetFromJsonAsync<JsonElement>("/api/agents/gpu-box/velocity");
            series.GetProperty("agentId").GetString().Should().Be("gpu-box");
            series.GetProperty("bucketSeconds").GetInt32().Should().Be(10);
            var points = series.GetProperty("points").EnumerateArray().ToList();
            points.Should().HaveCount(180);
            points.Sum(point => point.GetProperty("meteredTokens").GetInt64()).Should().Be(500);
        }, TestNode.Timeout);
        (await _node.Client.GetAsync("/api/agents/nobody/velocity")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _node.Client.GetAsync("/api/agents/bad%20id/velocity")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
