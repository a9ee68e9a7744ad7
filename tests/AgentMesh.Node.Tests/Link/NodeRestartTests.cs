using System.Net.Http.Json;
using System.Text.Json;

namespace AgentMesh.Node.Tests.Link;

/// <summary>A real node stopped and started again on the same SQLite file, with agents reconnecting over the real link.</summary>
public sealed class NodeRestartTests : IDisposable
{
    private readonly TestDirectory _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task AfterANodeRestart_TheSameIncarnationReconnects_WithoutASecondWelcome_AndItsInboxIsIntact()
    {
        var database = $"AgentMesh:Store:Sqlite:Path={_store.File("shared.db")}";
        await using (var first = await TestNode.StartAsync([database]))
        {
            await using var link = await RawLink.ConnectAsync(first.Host.Addresses[0]);
            (await link.HelloAsync("gpu-box", "inc-1")).GetProperty("state").GetString().Should().Be("onboarding");
            var welcome = await link.ExpectAsync("welcome");
            await link.SendAsync($$"""{"type":"welcome-ack","welcomeId":"{{welcome.GetProperty("welcomeId").GetString()}}"}""");
            var sent = await first.Client.PostAsJsonAsync("/api/agents/gpu-box/messages", new { from = "operator", body = "before the restart" });
            (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetInt64().Should().Be(1);
            await link.ExpectAsync("deliver");
        }

        await using var second = await TestNode.StartAsync([database]);
        await using var again = await RawLink.ConnectAsync(second.Host.Addresses[0]);
        var ok = await again.HelloAsync("gpu-box", "inc-1");

        ok.GetProperty("state").GetString().Should().Be("ready", "the welcome was acknowledged before the restart");
        ok.GetProperty("inboxHighWater").GetInt64().Should().Be(1);
        var redelivered = await again.ExpectAsync("deliver");
        redelivered.GetProperty("messageId").GetInt64().Should().Be(1, "it had no result yet; a welcome never comes again");
        var view = await second.Client.GetFromJsonAsync<JsonElement>("/api/agents/gpu-box");
        view.GetProperty("counters").GetProperty("welcomesSent").GetInt64().Should().Be(1);
    }
}
