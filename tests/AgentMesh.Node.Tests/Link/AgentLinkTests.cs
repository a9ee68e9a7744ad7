using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AgentMesh.Actors.TestKit;

namespace AgentMesh.Node.Tests.Link;

/// <summary>The agent link over real WebSockets on loopback against a real node: the spec's frames, guarantees and bad inputs.</summary>
public sealed class AgentLinkTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Hello_IsAnsweredWithHelloOk_ThenTheWelcome_AndAckMakesTheAgentReady()
    {
        await using var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);

        var ok = await link.HelloAsync("gpu-box", "6f1c2a");

        ok.GetProperty("node").GetString().Should().Be("test-node");
        ok.GetProperty("state").GetString().Should().Be("onboarding");
        ok.GetProperty("inboxHighWater").GetInt64().Should().Be(0);
        var welcome = await link.ExpectAsync("welcome");
        await link.SendAsync($$"""{"type":"welcome-ack","welcomeId":"{{welcome.GetProperty("welcomeId").GetString()}}"}""");
        await AwaitAssert.HoldsAsync(async () => (await AgentAsync("gpu-box")).GetProperty("state").GetString().Should().Be("ready"));
    }

    [Fact]
    public async Task Send_BetweenTwoAgents_IsDelivered_AndARepeatIsAnsweredAsADuplicate()
    {
        await using var sender = await ReadyAsync("mac-mini");
        await using var recipient = await ReadyAsync("gpu-box");

        await sender.SendAsync("""{"type":"send","ref":"r1","to":"gpu-box","body":{"task":"build","n":1},"sessionKey":"ci"}""");
        var sent = await sender.ExpectAsync("sent");
        var deliver = await recipient.ExpectAsync("deliver");
        await sender.SendAsync("""{"type":"send","ref":"r2","to":"gpu-box","body":{ "n":1, "task":"build" },"sessionKey":"ci"}""");
        var repeat = await sender.ExpectAsync("sent");

        sent.GetProperty("ref").GetString().Should().Be("r1");
        sent.GetProperty("messageId").GetInt64().Should().Be(1);
        sent.GetProperty("duplicate").GetBoolean().Should().BeFalse();
        deliver.GetProperty("from").GetString().Should().Be("mac-mini");
        deliver.GetProperty("messageId").GetInt64().Should().Be(1);
        deliver.GetProperty("sessionKey").GetString().Should().Be("ci");
        deliver.GetProperty("body").GetProperty("task").GetString().Should().Be("build");
        repeat.GetProperty("ref").GetString().Should().Be("r2");
        repeat.GetProperty("messageId").GetInt64().Should().Be(1);
        repeat.GetProperty("duplicate").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task ThreeNonRetryableResults_OpenTheCircuit_AndTheNextSendIsRejectedCircuitOpen()
    {
        await using var sender = await ReadyAsync("mac-mini");
        await using var recipient = await ReadyAsync("gpu-box");
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync($$"""{"type":"send","ref":"r{{i}}","to":"gpu-box","body":"job {{i}}"}""");
            await sender.ExpectAsync("sent");
            var deliver = await recipient.ExpectAsync("deliver");
            await recipient.SendAsync($$"""{"type":"result","sessionId":"{{deliver.GetProperty("sessionId").GetString()}}","messageId":{{deliver.GetProperty("messageId").GetInt64()}},"status":"failed","retryable":false,"error":"HTTP 400"}""");
        }

        await AwaitAssert.HoldsAsync(async () => (await AgentAsync("gpu-box")).GetProperty("circuits")[0].GetProperty("state").GetString().Should().Be("open"));
        await sender.SendAsync("""{"type":"send","ref":"r3","to":"gpu-box","body":"job 3"}""");

        var rejected = await sender.ExpectAsync("rejected");
        rejected.GetProperty("ref").GetString().Should().Be("r3");
        rejected.GetProperty("reason").GetString().Should().Be("circuit-open");
    }

    [Fact]
    public async Task BadFrames_GetErrorFrames_AndTheConnectionStaysUsable()
    {
        await using var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);

        await link.SendAsync("{not json");
        (await link.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("malformed");
        await link.SendAsync("""{"type":"welcome-ack","welcomeId":"x"}""");
        (await link.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("hello-required");
        await link.SendAsync("""{"type":"hello","protocol":1,"agentId":"bad id!","incarnation":"1"}""");
        (await link.ExpectAsync("error")).GetProperty("message").GetString().Should().Contain("agent id");

        await link.HelloAsync("gpu-box", "inc-1");
        await link.ExpectAsync("welcome");
        await link.SendAsync("""{"type":"teleport"}""");
        (await link.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("unknown-type");
        await link.SendAsync("""{"type":"send","ref":"r9","body":"no recipient"}""");
        var missing = await link.ExpectAsync("error");
        missing.GetProperty("code").GetString().Should().Be("invalid");
        missing.GetProperty("message").GetString().Should().Contain("'to'");
        missing.GetProperty("ref").GetString().Should().Be("r9");
        await link.SendAsync("""{"type":"result","sessionId":"s","messageId":-1,"status":"ok"}""");
        (await link.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("invalid");

        var view = await AgentAsync("gpu-box");
        view.GetProperty("counters").GetProperty("messagesAccepted").GetInt64().Should().Be(0);
        view.GetProperty("link").GetString().Should().Be("up");
    }

    [Fact]
    public async Task OversizedFrame_IsRefusedWithFrameTooLarge_AndTheConnectionClosedWith1009()
    {
        await using var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);
        await link.HelloAsync("gpu-box", "inc-1");
        await link.ExpectAsync("welcome");

        await link.SendAsync($$"""{"type":"send","ref":"big","to":"gpu-box","body":"{{new string('x', 1_100_000)}}"}""");

        (await link.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("frame-too-large");
        (await link.ReceiveAsync()).Should().BeNull();
        link.CloseStatus.Should().Be(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task ASecondConnectionForTheSameAgent_ReplacesTheFirst_WhichIsClosedWith4000()
    {
        await using var first = await ReadyAsync("gpu-box");
        await using var second = await RawLink.ConnectAsync(_node.Host.Addresses[0]);

        await second.HelloAsync("gpu-box", "inc-1");

        (await first.ReceiveAsync()).Should().BeNull();
        ((int?)first.CloseStatus).Should().Be(4000);
        first.CloseDescription.Should().Be("replaced");
    }

    [Fact]
    public async Task OperatorSuspend_ReachesTheAgentAsSuspended_AndResumeAsResumed()
    {
        await using var link = await ReadyAsync("gpu-box");

        var suspend = await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/suspend", new { reason = "runaway" });
        suspend.StatusCode.Should().Be(HttpStatusCode.OK);
        (await link.ExpectAsync("suspended")).GetProperty("reason").GetString().Should().Be("runaway");
        (await AgentAsync("gpu-box")).GetProperty("state").GetString().Should().Be("suspended");

        (await _node.Client.PostAsync("/api/agents/gpu-box/resume", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await link.ExpectAsync("resumed");
    }

    [Fact]
    public async Task ASuspendedAgentsSend_IsRejectedAsSuspended_AndAcceptedAgainAfterResume()
    {
        await using var recipient = await ReadyAsync("gpu-box");
        await using var sender = await ReadyAsync("mac-mini");
        await _node.Client.PostAsJsonAsync("/api/agents/mac-mini/suspend", new { reason = "runaway" });
        await sender.ExpectAsync("suspended");

        await sender.SendAsync("""{"type":"send","ref":"s1","to":"gpu-box","body":"while suspended"}""");
        var rejected = await sender.ExpectAsync("rejected");
        rejected.GetProperty("ref").GetString().Should().Be("s1");
        rejected.GetProperty("reason").GetString().Should().Be("suspended");

        await _node.Client.PostAsync("/api/agents/mac-mini/resume", null);
        await sender.ExpectAsync("resumed");
        await sender.SendAsync("""{"type":"send","ref":"s2","to":"gpu-box","body":"after resume"}""");
        (await sender.ExpectAsync("sent")).GetProperty("ref").GetString().Should().Be("s2");
    }

    [Fact]
    public async Task AnAgentThatConnectsWhileSuspended_HasItsSendsRejected()
    {
        await using (var first = await ReadyAsync("mac-mini"))
        {
            await _node.Client.PostAsJsonAsync("/api/agents/mac-mini/suspend", new { reason = "runaway" });
            await first.ExpectAsync("suspended");
        }

        await using var again = await RawLink.ConnectAsync(_node.Host.Addresses[0]);
        (await again.HelloAsync("mac-mini", "inc-2")).GetProperty("state").GetString().Should().Be("suspended");
        await again.ExpectAsync("suspended");
        await again.SendAsync("""{"type":"send","ref":"s1","to":"gpu-box","body":"still suspended"}""");

        (await again.ExpectAsync("rejected")).GetProperty("reason").GetString().Should().Be("suspended");
    }

    private async Task<RawLink> ReadyAsync(string agent)
    {
        var link = await RawLink.ConnectAsync(_node.Host.Addresses[0]);
        await link.HelloAsync(agent, "inc-1");
        var welcome = await link.ExpectAsync("welcome");
        await link.SendAsync($$"""{"type":"welcome-ack","welcomeId":"{{welcome.GetProperty("welcomeId").GetString()}}"}""");
        await AwaitAssert.HoldsAsync(async () => (await AgentAsync(agent)).GetProperty("state").GetString().Should().Be("ready"));
        return link;
    }

    private async Task<JsonElement> AgentAsync(string agent) =>
        await _node.Client.GetFromJsonAsync<JsonElement>($"/api/agents/{agent}");
}
