using System.Net;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Events;

namespace AgentMesh.Node.Tests.Events;

public sealed class EventsEndpointTests
{
    [Fact]
    public async Task Events_AreStreamedAsServerSentEvents_AndAClientThatLeavesIsUnsubscribed()
    {
        await using var node = await TestNode.StartAsync();
        var hub = node.Service<EventHub>();

        var response = await node.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestNode.Timeout);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        hub.SubscriberCount.Should().Be(1, "the stream subscribes before it answers");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be(": connected");
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().BeEmpty();

        hub.Publish("agent-state", new { AgentId = "gpu-box", State = "ready" });

        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be("event: agent-state");
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be("id: 1");
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be("""data: {"agentId":"gpu-box","state":"ready"}""");
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().BeEmpty();

        response.Dispose();
        await AwaitAssert.HoldsAsync(() => hub.SubscriberCount.Should().Be(0), TestNode.Timeout);
    }

    [Fact]
    public async Task OpenStream_DoesNotHoldUpShutdown()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestNode.Timeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be(": connected");
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().BeEmpty();

        await node.Host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().BeNull("the node ends the stream when it stops");
    }
}
