using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Tests.Link;

namespace AgentMesh.Node.Tests.Api;

/// <summary>The admin API of spec/admin-api.md against a real node: shapes, problem details, and bad input that changes nothing.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task UnknownAgent_Is404ProblemDetails_AndAMessageToItIsNotStored()
    {
        var show = await _node.Client.GetAsync("/api/agents/nobody");
        var send = await _node.Client.PostAsJsonAsync("/api/agents/nobody/messages", new { from = "operator", body = "hi" });

        show.StatusCode.Should().Be(HttpStatusCode.NotFound);
        show.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        send.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await _node.Client.GetFromJsonAsync<JsonElement>("/api/agents");
        list.GetProperty("agents").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task BadInput_Is400_WithTheField()
    {
        var badId = await _node.Client.GetAsync("/api/agents/bad%20id");
        var badJson = await _node.Client.PostAsync("/api/agents/gpu-box/messages", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var badScope = await _node.Client.PutAsJsonAsync("/api/budgets/team:x", new { tokensPerDay = 5 });
        var badLimit = await _node.Client.PutAsJsonAsync("/api/budgets/global", new { tokensPerDay = -5 });
        var badSince = await _node.Client.GetAsync("/api/alerts?since=yesterday");

        foreach (var response in new[] { badId, badJson, badScope, badLimit, badSince })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        (await badScope.Content.ReadAsStringAsync()).Should().Contain("global");
    }

    [Fact]
    public async Task Messages_SentByTheOperator_GetIdsAndDuplicatesAreFlagged()
    {
        await using var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);
        await link.HelloAsync("gpu-box", "inc-1");

        var first = await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/messages", new { from = "operator", body = new { ask = "status" }, sessionKey = "ops" });
        var repeat = await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/messages", new { from = "operator", body = new { ask = "status" }, sessionKey = "ops" });

        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64().Should().Be(1);
        var again = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("messageId").GetInt64().Should().Be(1);
        again.GetProperty("duplicate").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Budgets_CanBeSetPerScope_AndAreListedWithSpend()
    {
        var set = await _node.Client.PutAsJsonAsync("/api/budgets/agent:gpu-box", new { tokensPerDay = 1_000_000, spawnsPerHour = 5 });
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());

        var budgets = await _node.Client.GetFromJsonAsync<JsonElement>("/api/budgets");
        var scope = budgets.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("scope").GetString() == "agent:gpu-box");
        scope.GetProperty("limits").GetProperty("tokensPerDay").GetInt64().Should().Be(1_000_000);
        scope.GetProperty("limits").GetProperty("spawnsPerHour").GetInt32().Should().Be(5);
        scope.TryGetProperty("spend", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Alerts_AreLoggedInOrder_AndListedSinceAnId()
    {
        await using var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);
        await link.HelloAsync("gpu-box", "inc-1");
        await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/suspend", new { reason = "first" });
        await _node.Client.PostAsync("/api/agents/gpu-box/resume", null);
        await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/suspend", new { reason = "second" });

        JsonElement all = default;
        await AwaitAssert.HoldsAsync(async () =>
        {
            all = await _node.Client.GetFromJsonAsync<JsonElement>("/api/alerts");
            all.GetProperty("alerts").GetArrayLength().Should().Be(2);
        });
        var alerts = all.GetProperty("alerts").EnumerateArray().ToList();
        alerts[0].GetProperty("message").GetString().Should().Contain("first");
        alerts[1].GetProperty("message").GetString().Should().Contain("second");
        var firstId = alerts[0].GetProperty("id").GetInt64();
        var since = await _node.Client.GetFromJsonAsync<JsonElement>($"/api/alerts?since={firstId}");
        since.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).Should().Equal(alerts[1].GetProperty("id").GetInt64());
    }
}
