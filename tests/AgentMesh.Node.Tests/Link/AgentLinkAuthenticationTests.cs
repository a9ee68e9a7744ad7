using System.Net.WebSockets;

namespace AgentMesh.Node.Tests.Link;

/// <summary>Agent tokens on the link: checked before the WebSocket upgrade, and per agent after hello.</summary>
public sealed class AgentLinkAuthenticationTests
{
    private const string SharedToken = "shared-agent-token-0123456789";
    private const string GpuBoxToken = "gpu-box-own-token-0123456789";

    [Fact]
    public async Task AMissingOrWrongToken_IsRefusedWith401BeforeTheUpgrade()
    {
        await using var node = await StartAsync();

        var missing = () => RawLink.ConnectAsync(node.Host.Addresses[0]);
        var wrong = () => RawLink.ConnectAsync(node.Host.Addresses[0], "not-the-token-at-all-0000");

        (await missing.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("401");
        (await wrong.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("401");
    }

    [Fact]
    public async Task TheSharedToken_CannotSpeakForAnAgentWithItsOwnToken_ButItsOwnTokenCan()
    {
        await using var node = await StartAsync();

        await using (var shared = await RawLink.ConnectAsync(node.Host.Addresses[0], SharedToken))
        {
            await shared.SendAsync("""{"type":"hello","protocol":1,"agentId":"gpu-box","incarnation":"1"}""");
            (await shared.ExpectAsync("error")).GetProperty("code").GetString().Should().Be("unauthorized");
            (await shared.ReceiveAsync()).Should().BeNull();
            shared.CloseStatus.Should().Be(WebSocketCloseStatus.PolicyViolation);
        }

        await using var own = await RawLink.ConnectAsync(node.Host.Addresses[0], GpuBoxToken);
        (await own.HelloAsync("gpu-box", "1")).GetProperty("state").GetString().Should().Be("onboarding");
        await using var other = await RawLink.ConnectAsync(node.Host.Addresses[0], SharedToken);
        (await other.HelloAsync("mac-mini", "1")).GetProperty("state").GetString().Should().Be("onboarding");
    }

    private static Task<TestNode> StartAsync() => TestNode.StartAsync(
    [
        $"AgentMesh:Auth:AgentToken={SharedToken}",
        $"AgentMesh:Auth:AgentTokens:gpu-box={GpuBoxToken}",
    ]);
}
