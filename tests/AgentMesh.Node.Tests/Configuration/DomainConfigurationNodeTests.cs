using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Tests.Link;

namespace AgentMesh.Node.Tests.Configuration;

/// <summary>A real node started from a configuration file with agents, budgets and prices: what it configures is what runs.</summary>
public sealed class DomainConfigurationNodeTests : IDisposable
{
    private readonly TestDirectory _configDirectory = new();

    [Fact]
    public async Task ConfiguredBudgetAndPrice_AreInForce_AndListedByTheApi()
    {
        var file = _configDirectory.Write("node.json", """
            {
              "AgentMesh": {
                "Budgets": {
                  "agent:gpu-box": { "TokensPerDay": 1000, "TokensPerMonth": 20000 }
                },
                "Prices": {
                  "custom/tiny-model": { "InputPerMillion": 1000, "OutputPerMillion": 2000 }
                }
              }
            }
            """);
        await using var node = await TestNode.StartAsync(["config=" + file]);

        var configured = await BudgetAsync(node, "agent:gpu-box");
        configured.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(1000);
        configured.GetProperty("limits").GetProperty("tokensPerMonth").GetInt64().Should().Be(20_000);
        configured.GetProperty("limits").GetProperty("spawnsPerHour").GetInt32().Should().Be(20, "the agent default's other limits stay");
        configured.GetProperty("limitsSource").GetString().Should().Be("configuration");

        await using var link = await RawLink.ConnectAsync(node.Host.Addresses[0]);
        await link.HelloAsync("gpu-box", "inc-1");
        await link.SendAsync("""{"type":"usage","provider":"custom","model":"tiny-model","inputTokens":100,"cachedInputTokens":0,"outputTokens":50}""");

        // 100 × $1000/M + 50 × $2000/M = $0.20; an unpriced model would tally $0.
        await AwaitAssert.HoldsAsync(async () =>
        {
            var model = await BudgetAsync(node, "model:custom/tiny-model");
            model.GetProperty("spend").GetProperty("today").GetProperty("costUsd").GetDecimal().Should().Be(0.2m);
        });
        var agent = await node.Client.GetFromJsonAsync<JsonElement>("/api/agents/gpu-box");
        agent.GetProperty("counters").GetProperty("costUsd").GetDecimal().Should().Be(0.2m);
    }

    [Fact]
    public async Task RuntimeLimits_WinOverConfiguredOnes_AcrossARestart()
    {
        var file = _configDirectory.Write("node.json", """{ "AgentMesh": { "Budgets": { "global": { "TokensPerDay": 1000 } } } }""");
        using var data = new TestDirectory();
        var settings = new[] { "config=" + file, $"AgentMesh:Store:Sqlite:Path={data.File("agentmesh.db")}" };
        await using (var node = await TestNode.StartAsync(settings))
        {
            var put = await node.Client.PutAsJsonAsync("/api/budgets/global", new { tokensPerDay = 5000 });
            put.EnsureSuccessStatusCode();
        }

        await using var restarted = await TestNode.StartAsync(settings);

        var global = await BudgetAsync(restarted, "global");
        global.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(5000);
        global.GetProperty("limitsSource").GetString().Should().Be("runtime");
    }

    [Fact]
    public async Task Delete_HandsAScopeBackToItsConfiguredLimits_AcrossARestart()
    {
        var file = _configDirectory.Write("node.json", """{ "AgentMesh": { "Budgets": { "global": { "TokensPerDay": 1000 } } } }""");
        using var data = new TestDirectory();
        var settings = new[] { "config=" + file, $"AgentMesh:Store:Sqlite:Path={data.File("agentmesh.db")}" };
        await using (var node = await TestNode.StartAsync(settings))
        {
            (await node.Client.PutAsJsonAsync("/api/budgets/global", new { tokensPerDay = 5000 })).EnsureSuccessStatusCode();

            var deleted = await node.Client.DeleteAsync("/api/budgets/global");

            deleted.StatusCode.Should().Be(HttpStatusCode.OK);
            var view = await deleted.Content.ReadFromJsonAsync<JsonElement>();
            view.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(1000);
            view.GetProperty("limitsSource").GetString().Should().Be("configuration");
            (await node.Client.DeleteAsync("/api/budgets/team:x")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        await using var restarted = await TestNode.StartAsync(settings);

        var global = await BudgetAsync(restarted, "global");
        global.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(1000);
        global.GetProperty("limitsSource").GetString().Should().Be("configuration");
    }

    [Fact]
    public async Task FlapOverride_PutsThatAgentInFlapping_AfterItsConfiguredTransitions()
    {
        var file = _configDirectory.Write("node.json", """
            {
              "AgentMesh": {
                "Agents": {
                  "gpu-box": { "Flap": { "Transitions": 3, "Window": "1h" } }
                }
              }
            }
            """);
        await using var node = await TestNode.StartAsync(["config=" + file]);

        // Up, down, up: three transitions. The override flaps at three, the default (4) does not.
        var overridden = await ReconnectAsync(node, "gpu-box");
        var byDefault = await ReconnectAsync(node, "mac-mini");

        overridden.Should().Be("flapping");
        byDefault.Should().NotBe("flapping");
        var agent = await node.Client.GetFromJsonAsync<JsonElement>("/api/agents/gpu-box");
        agent.GetProperty("state").GetString().Should().Be("flapping");
    }

    public void Dispose() => _configDirectory.Dispose();

    /// <summary>Connects, says hello, disconnects, waits until the node saw the link go down, and says hello again: the state the second hello reports.</summary>
    private static async Task<string> ReconnectAsync(TestNode node, string agentId)
    {
        await using (var first = await RawLink.ConnectAsync(node.Host.Addresses[0]))
        {
            await first.HelloAsync(agentId, "inc-1");
        }

        await AwaitAssert.HoldsAsync(async () =>
            (await node.Client.GetFromJsonAsync<JsonElement>($"/api/agents/{agentId}")).GetProperty("link").GetString().Should().Be("down"));
        await using var second = await RawLink.ConnectAsync(node.Host.Addresses[0]);
        var ok = await second.HelloAsync(agentId, "inc-1");
        return ok.GetProperty("state").GetString()!; // hello-ok always carries the state (spec/agent-link.md)
    }

    private static async Task<JsonElement> BudgetAsync(TestNode node, string scope)
    {
        var budgets = await node.Client.GetFromJsonAsync<JsonElement>("/api/budgets");
        return budgets.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("scope").GetString() == scope);
    }
}
