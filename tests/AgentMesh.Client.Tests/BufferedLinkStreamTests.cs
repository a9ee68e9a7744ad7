using System.Text;
using AgentMesh.Transport;

namespace AgentMesh.Client.Tests;

public sealed class BufferedLinkStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Write_GoesStraightThrough_OutsideABatch()
    {
        var inner = new RecordingStream();
        await using var stream = new BufferedLinkStream(inner);

        await stream.WriteAsync(Bytes("one"));
        stream.Write(Bytes("two"));

        inner.Writes.Should().Equal("one", "two");
        stream.PendingBytes.Should().Be(0);
    }

    [Fact]
    public async Task Batch_HoldsItsWrites_AndEndsAsOneWriteInOrder()
    {
        var inner = new RecordingStream();
        await using var stream = new BufferedLinkStream(inner);

        stream.BeginBatch();
        await stream.WriteAsync(Bytes("a"));
        await stream.WriteAsync(Bytes("bb"));
        stream.Write(Bytes("ccc"));
        await stream.FlushAsync();

        inner.Writes.Should().BeEmpty("a batch holds its writes, and a flush inside it writes nothing");
        stream.PendingBytes.Should().Be(6);

        await stream.EndBatchAsync(CancellationToken.None);

        inner.Writes.Should().Equal("abbccc");
        stream.PendingBytes.Should().Be(0);
    }

    [Fact]
    public async Task Batch_GrowsPastItsInitialBuffer_WithoutLosingBytes()
    {
        var inner = new RecordingStream();
        await using var stream = new BufferedLinkStream(inner);
        var frames = Enumerable.Range(0, 1000).Select(i => $"frame {i:D4};").ToArray();

        stream.BeginBatch();
        foreach (var frame in frames)
        {
            await stream.WriteAsync(Bytes(frame));
        }

        await stream.EndBatchAsync(CancellationToken.None);
        await stream.WriteAsync(Bytes("after"));

        inner.Writes.Should().Equal(string.Concat(frames), "after");
    }

    [Fact]
    public async Task WriteDuringAFlush_WaitsForIt_AndFollowsTheBatchOnTheWire()
    {
        var inner = new RecordingStream { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var stream = new BufferedLinkStream(inner);
        stream.BeginBatch();
        await stream.WriteAsync(Bytes("batch"));

        var ending = stream.EndBatchAsync(CancellationToken.None).AsTask();
        await inner.Entered.Task.WaitAsync(Patience);
        var ping = Task.Run(async () => await stream.WriteAsync(Bytes("ping")));
        SpinWait.SpinUntil(() => stream.PendingBytes == 4, Patience).Should().BeTrue("the ping is appended while the batch is being written");

        ping.IsCompleted.Should().BeFalse("the ping must not reach the connection before the batch written ahead of it");
        inner.Gate.SetResult();
        await Task.WhenAll(ending, ping).WaitAsync(Patience);

        inner.Writes.Should().Equal("batch", "ping");
    }

    [Fact]
    public async Task WriteFromAnotherThread_DuringABatch_JoinsItBehindWhatIsThere()
    {
        var inner = new RecordingStream();
        await using var stream = new BufferedLinkStream(inner);

        stream.BeginBatch();
        await stream.WriteAsync(Bytes("first"));
        await Task.Run(async () => await stream.WriteAsync(Bytes("-pong")));
        await stream.WriteAsync(Bytes("-second"));
        inner.Writes.Should().BeEmpty();

        await stream.EndBatchAsync(CancellationToken.None);

        inner.Writes.Should().Equal("first-pong-second");
    }

    [Fact]
    public async Task FailedWrite_Surfaces_AndLaterWritesStillGoInOrder()
    {
        var inner = new RecordingStream { FailNext = true };
        await using var stream = new BufferedLinkStream(inner);
        stream.BeginBatch();
        await stream.WriteAsync(Bytes("lost"));

        var end = async () => await stream.EndBatchAsync(CancellationToken.None);

        await end.Should().ThrowAsync<IOException>();
        await stream.WriteAsync(Bytes("next"));
        inner.Writes.Should().Equal("next");
    }

    [Fact]
    public async Task SmallReads_AreServedFromOneReceive_InOrder()
    {
        var sent = Enumerable.Range(0, 40).Select(i => $"{{\"frame\":{i:D3}}}").ToArray();
        var inner = new RecordingStream(Bytes(string.Concat(sent)));
        await using var stream = new BufferedLinkStream(inner);
        var received = new StringBuilder();
        var buffer = new byte[14];

        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        received.ToString().Should().Be(string.Concat(sent));
        inner.Reads.Should().Be(2, "one receive took every byte the connection had, and one more saw its end");
    }

    [Fact]
    public async Task LargeRead_GoesStraightToTheConnection_AfterWhatIsBuffered()
    {
        var inner = new RecordingStream(Bytes("head" + new string('x', BufferedLinkStream.ReadBufferBytes)));
        await using var stream = new BufferedLinkStream(inner);
        var small = new byte[4];
        var large = new byte[BufferedLinkStream.ReadBufferBytes * 2];

        stream.Read(small).Should().Be(4);
        var rest = await stream.ReadAsync(large);

        Encoding.UTF8.GetString(small).Should().Be("head");
        rest.Should().Be(BufferedLinkStream.ReadBufferBytes - 4, "buffered bytes are handed out first, without waiting for more");
        (await stream.ReadAsync(large)).Should().Be(4);
        inner.Reads.Should().Be(2);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Records each write it is given as one string; can hold a write on a gate, or fail one.</summary>
    private sealed class RecordingStream(byte[]? readable = null) : Stream
    {
        private readonly MemoryStream _readable = new(readable ?? []);

        public List<string> Writes { get; } = [];

        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailNext { get; set; }

        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var text = Encoding.UTF8.GetString(buffer.Span);
            Entered.TrySetResult();
            if (Gate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            Record(text);
        }

        public override void Write(byte[] buffer, int offset, int count) => Record(Encoding.UTF8.GetString(buffer, offset, count));

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return _readable.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Record(string text)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("connection reset");
            }

            lock (Writes)
            {
                Writes.Add(text);
            }
        }
    }
}
