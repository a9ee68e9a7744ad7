using System.IO.Pipelines;
using System.Text;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Events;

namespace AgentMesh.Node.Tests.Events;

public sealed class ServerSentEventTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Event_IsFramedWithEventIdAndOneDataLinePerLine()
    {
        var stream = new FlushCountingStream();
        var writer = new ServerSentEventWriter(stream);

        await writer.WriteEventAsync("alert", "7", "{\"a\":1}\nsecond line\r\nthird\rfourth", CancellationToken.None);
        await writer.WriteEventAsync(null, null, "", CancellationToken.None);
        await writer.WriteCommentAsync("heartbeat", CancellationToken.None);

        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(
            "event: alert\nid: 7\ndata: {\"a\":1}\ndata: second line\ndata: third\ndata: fourth\n\n" +
            "data: \n\n" +
            ": heartbeat\n\n");
        stream.Flushes.Should().Be(3, "every event is flushed on its own");
    }

    [Theory]
    [InlineData("bad\ntype", null)]
    [InlineData("type", "bad\rid")]
    public async Task Fields_WithLineBreaks_AreRefused(string type, string? id)
    {
        var write = () => new ServerSentEventWriter(new MemoryStream()).WriteEventAsync(type, id, "{}", CancellationToken.None);

        await write.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Stream_WritesEventsAsTheyCome_AndAHeartbeatEveryPeriodOfTheClock()
    {
        var clock = new ManualTimeProvider();
        var hub = new EventHub();
        var subscription = hub.Subscribe();
        var pipe = new Pipe();
        using var reader = new StreamReader(pipe.Reader.AsStream());
        var run = ServerSentEventStream.RunAsync(
            subscription, new ServerSentEventWriter(pipe.Writer.AsStream()), clock, TimeSpan.FromSeconds(15), CancellationToken.None);
        await clock.WhenActiveTimersAtLeast(1).WaitAsync(Timeout);

        clock.Advance(TimeSpan.FromSeconds(14));
        hub.PublishJson("alert", """{"kind":"velocity"}""");
        (await ReadEventAsync(reader)).Should().Equal("event: alert", "id: 1", """data: {"kind":"velocity"}""");

        clock.Advance(TimeSpan.FromSeconds(1));
        (await ReadEventAsync(reader)).Should().Equal(": heartbeat");

        clock.Advance(TimeSpan.FromSeconds(15));
        (await ReadEventAsync(reader)).Should().Equal(": heartbeat");

        subscription.Dispose();
        await run.WaitAsync(Timeout);
        clock.ActiveTimerCount.Should().Be(0, "the heartbeat timer is released with the stream");
    }

    [Fact]
    public async Task Stream_EndsWithCancellation_WhenTheClientGoesAway()
    {
        using var subscription = new EventHub().Subscribe();
        using var clientGone = new CancellationTokenSource();
        var run = ServerSentEventStream.RunAsync(
            subscription, new ServerSentEventWriter(new MemoryStream()), new ManualTimeProvider(), TimeSpan.FromSeconds(15), clientGone.Token);

        await clientGone.CancelAsync();

        await run.Awaiting(task => task.WaitAsync(Timeout)).Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Reads the lines of one event (or comment), up to the blank line that ends it.</summary>
    private static async Task<List<string>> ReadEventAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync().WaitAsync(Timeout) is { Length: > 0 } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
