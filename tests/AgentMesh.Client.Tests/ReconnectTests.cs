using System.Net.WebSockets;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client.Tests;

public sealed class ReconnectTests : LinkTestBase
{
    [Fact]
    public async Task Drop_IsFollowedByAReconnectAfterTheMinDelay_WithTheSameIncarnationAndANewHello()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var first = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);
        states.Drain();

        first.Drop();

        var down = await states.NextAsync(Patience);
        down.Should().BeEquivalentTo(new { State = AgentLinkConnectionState.Reconnecting, Attempt = 1, RetryDelay = TimeSpan.FromSeconds(1) });
        down.Error.Should().BeOfType<AgentLinkConnectionLostException>();
        Clock.Advance(TimeSpan.FromMilliseconds(999));
        Node.UpgradeRequests.Should().Be(1);
        Clock.Advance(TimeSpan.FromMilliseconds(1));

        var second = await NextConnectionAsync();
        second.Hello.Incarnation.Should().Be(client.Incarnation).And.Be(first.Hello.Incarnation);
        AgentLinkCodec.EncodeToString(second.Hello).Should().Be(AgentLinkCodec.EncodeToString(first.Hello));
        (await states.NextAsync(Patience)).Should().BeEquivalentTo(new { State = AgentLinkConnectionState.Connecting, Attempt = 1 });
        (await states.NextAsync(Patience)).HelloOk.Should().Be(Node.HelloOk);
        (await NextFrameAsync<HelloOkFrame>(client)).Should().Be(Node.HelloOk);
        (await client.SendAsync("mac-mini", "after the drop").WaitAsync(Patience)).MessageId.Should().Be(1);
    }

    [Fact]
    public async Task Backoff_DoublesUpToTheMax_WhileAttemptsFail_AndResetsOnlyAfterAStableConnection()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        states.Drain();
        Node.RefuseWith = 503;

        connection.Drop();

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var waiting = await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
            waiting.Attempt.Should().Be(attempt);
            if (attempt > 1)
            {
                waiting.Error.Should().BeOfType<AgentLinkException>().Which.Message.Should().Contain("HTTP 503");
            }

            delays.Add(waiting.RetryDelay!.Value); // Always set when reconnecting.
            if (attempt == 5)
            {
                Node.RefuseWith = null;
            }

            Clock.Advance(waiting.RetryDelay.Value);
        }

        delays.Should().Equal(
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));
        connection = await NextConnectionAsync();
        await states.NextInAsync(AgentLinkConnectionState.Connected, Patience);
        Node.UpgradeRequests.Should().Be(6);

        // Dropped at once: the back-off keeps growing, so a link that fails right after each handshake is not hammered.
        connection.Drop();
        var again = await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        again.Should().BeEquivalentTo(new { Attempt = 6, RetryDelay = TimeSpan.FromSeconds(8) });
        Clock.Advance(TimeSpan.FromSeconds(8));
        connection = await NextConnectionAsync();
        await states.NextInAsync(AgentLinkConnectionState.Connected, Patience);

        // Up for the max delay: the next drop starts over from the min.
        Clock.Advance(TimeSpan.FromSeconds(8));
        connection.Drop();
        (await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience))
            .Should().BeEquivalentTo(new { Attempt = 1, RetryDelay = TimeSpan.FromSeconds(1) });
    }

    [Fact]
    public async Task SendWhileDown_WaitsForTheReconnect_AndGoesOutOnTheNewConnection()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        (await NextConnectionAsync()).Drop();
        await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);

        var send = client.SendAsync("mac-mini", "queued while down");
        send.IsCompleted.Should().BeFalse();
        Clock.Advance(TimeSpan.FromSeconds(1));

        (await send.WaitAsync(Patience)).MessageId.Should().Be(1);
        var second = await NextConnectionAsync();
        (await second.Received.ReadAsync().AsTask().WaitAsync(Patience)).Should().BeOfType<SendFrame>()
            .Which.To.Should().Be("mac-mini");
    }

    [Fact]
    public async Task SendInFlight_WhenTheLinkDrops_FailsAsConnectionLost()
    {
        Node.OnSend = _ => null;
        var client = CreateClient();
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        var send = client.SendAsync("mac-mini", "into the void");
        await connection.Received.ReadAsync().AsTask().WaitAsync(Patience);
        connection.Drop();

        var act = () => send.WaitAsync(Patience);
        (await act.Should().ThrowAsync<AgentLinkConnectionLostException>())
            .Which.Message.Should().Contain("whether the node accepted it is unknown");
    }

    [Fact]
    public async Task Unauthorized_OnConnect_ThrowsAClearError_AndNothingIsRetried()
    {
        Node.RequiredToken = "right";
        var client = CreateClient(o => o with { BearerToken = "wrong" });

        var act = () => client.ConnectAsync().WaitAsync(Patience);

        var thrown = (await act.Should().ThrowAsync<AgentLinkAuthenticationException>()).Which;
        thrown.StatusCode.Should().Be(401);
        thrown.Message.Should().Contain("HTTP 401").And.Contain("bearer token");
        client.State.Should().Be(AgentLinkConnectionState.Disconnected);
        Clock.ActiveTimers.Should().Be(0);
        Node.UpgradeRequests.Should().Be(1);
    }

    [Fact]
    public async Task Unauthorized_OnReconnect_StopsTheClient_WithoutRetrying()
    {
        Node.RequiredToken = "before";
        var client = CreateClient(o => o with { BearerToken = "before" });
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        await NextFrameAsync<HelloOkFrame>(client);
        Node.RequiredToken = "rotated";

        (await NextConnectionAsync()).Drop();
        await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var stopped = await states.NextInAsync(AgentLinkConnectionState.Stopped, Patience);
        stopped.Error.Should().BeOfType<AgentLinkAuthenticationException>().Which.StatusCode.Should().Be(401);
        Clock.ActiveTimers.Should().Be(0);
        Clock.Advance(TimeSpan.FromMinutes(10));
        Node.UpgradeRequests.Should().Be(2);
        var completion = () => client.Frames.Completion.WaitAsync(Patience);
        await completion.Should().ThrowAsync<AgentLinkAuthenticationException>();
        var send = () => client.SendAsync("mac-mini", "x");
        await send.Should().ThrowAsync<AgentLinkAuthenticationException>();
    }

    [Fact]
    public async Task Replaced_StopsTheClient_WithoutReconnecting()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);

        await connection.CloseAsync(4000, "replaced");

        var stopped = await states.NextInAsync(AgentLinkConnectionState.Stopped, Patience);
        stopped.Previous.Should().Be(AgentLinkConnectionState.Connected);
        stopped.Error.Should().BeOfType<AgentLinkReplacedException>().Which.CloseDescription.Should().Be("replaced");
        client.State.Should().Be(AgentLinkConnectionState.Stopped);
        Clock.ActiveTimers.Should().Be(0);
        Clock.Advance(TimeSpan.FromMinutes(10));
        Node.UpgradeRequests.Should().Be(1);
        states.Drain().Should().BeEmpty();
        var completion = () => client.Frames.Completion.WaitAsync(Patience);
        await completion.Should().ThrowAsync<AgentLinkReplacedException>();
        var send = () => client.SendAsync("mac-mini", "x");
        await send.Should().ThrowAsync<AgentLinkReplacedException>();
        var connect = () => client.ConnectAsync();
        await connect.Should().ThrowAsync<AgentLinkReplacedException>();
    }

    [Fact]
    public async Task OtherCloses_ByTheNode_AreReconnected()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        await connection.CloseAsync((int)WebSocketCloseStatus.PolicyViolation, "hello-timeout");

        var waiting = await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        waiting.Error!.Message.Should().Contain("1008").And.Contain("hello-timeout"); // Always set when reconnecting.
        (await connection.ClosedByClient.WaitAsync(Patience)).Should().Be(WebSocketCloseStatus.NormalClosure);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await NextConnectionAsync();
    }

    [Fact]
    public async Task IncomingFrame_AtTheLimit_IsAccepted_AndOneByteOver_DropsTheLinkWith1009()
    {
        var client = CreateClient(o => o with { MaxFrameBytes = 1024 });
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);

        await connection.SendTextAsync(DeliverOfSize(1024), fragmentBytes: 100);
        (await NextFrameAsync<DeliverFrame>(client)).MessageId.Should().Be(1);
        await connection.SendTextAsync(DeliverOfSize(1025), fragmentBytes: 100);

        (await connection.ClosedByClient.WaitAsync(Patience)).Should().Be(WebSocketCloseStatus.MessageTooBig);
        var waiting = await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        waiting.Error.Should().BeOfType<AgentLinkFrameTooLargeException>().Which.Code.Should().Be("frame-too-large");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await NextConnectionAsync();
        await states.NextInAsync(AgentLinkConnectionState.Connected, Patience);
    }

    [Fact]
    public async Task BinaryFrame_DropsTheLinkWith1003_AndIsReconnected()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();

        await connection.SendBinaryAsync([1, 2, 3]);

        (await connection.ClosedByClient.WaitAsync(Patience)).Should().Be(WebSocketCloseStatus.InvalidMessageType);
        var waiting = await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        waiting.Error.Should().BeOfType<AgentLinkProtocolException>().Which.Code.Should().Be("binary-frame");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await NextConnectionAsync();
    }

    [Fact]
    public async Task Dispose_ClosesNormally_StopsReconnecting_AndCompletesTheFrames()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        var connection = await NextConnectionAsync();
        await NextFrameAsync<HelloOkFrame>(client);

        await client.DisposeAsync().AsTask().WaitAsync(Patience);

        (await connection.ClosedByClient.WaitAsync(Patience)).Should().Be(WebSocketCloseStatus.NormalClosure);
        var stopped = await states.NextInAsync(AgentLinkConnectionState.Stopped, Patience);
        stopped.Error.Should().BeNull();
        Clock.DueIn.Should().BeEmpty();
        await client.Frames.Completion.WaitAsync(Patience);
        Node.UpgradeRequests.Should().Be(1);
        var send = () => client.SendAsync("mac-mini", "x");
        await send.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Dispose_WhileWaitingToReconnect_EndsTheWait_AndFailsWaitingSends()
    {
        var client = CreateClient();
        var states = new StateRecorder(client);
        await client.ConnectAsync().WaitAsync(Patience);
        (await NextConnectionAsync()).Drop();
        await states.NextInAsync(AgentLinkConnectionState.Reconnecting, Patience);
        var send = client.SendAsync("mac-mini", "never");

        await client.DisposeAsync().AsTask().WaitAsync(Patience);

        client.State.Should().Be(AgentLinkConnectionState.Stopped);
        var act = () => send.WaitAsync(Patience);
        await act.Should().ThrowAsync<ObjectDisposedException>();
        Clock.DueIn.Should().BeEmpty();
        Node.UpgradeRequests.Should().Be(1);
    }

    /// <summary>A <c>deliver</c> frame of exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string DeliverOfSize(int bytes)
    {
        const string Head = """{"type":"deliver","sessionId":"s-1","messageId":1,"from":"mac-mini","body":" """;
        const string Tail = "\"}";
        var frame = Head.TrimEnd() + new string('x', bytes - Head.TrimEnd().Length - Tail.Length) + Tail;
        System.Text.Encoding.UTF8.GetByteCount(frame).Should().Be(bytes);
        return frame;
    }
}
