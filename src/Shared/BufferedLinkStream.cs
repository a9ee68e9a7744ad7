namespace AgentMesh.Transport;

/// <summary>
/// The byte stream under an agent-link WebSocket, buffered both ways. Writes can be held and handed
/// to the connection as one: between <see cref="BeginBatch"/> and <see cref="EndBatchAsync"/> the
/// frames a writer loop sends are gathered, and the end of the batch writes them in one call (one
/// socket send for what would have been one per frame); outside a batch every write goes straight
/// through. Reads take what the connection has (up to <see cref="ReadBufferBytes"/>) and serve the
/// WebSocket's small reads from it: the WebSocket reads a frame header into a 125-byte buffer, which
/// without this would be a receive call per frame however many frames a batch brought.
/// </summary>
/// <remarks>
/// <para>
/// Bytes leave in the order they were written, whoever writes them: the WebSocket's own control
/// frames (keep-alive pings, pongs, the close) can be written from other threads while a batch is
/// open, and they join the batch behind the frames already in it. A write is appended under a lock and
/// a flush takes everything appended so far, flushes being one at a time; so no write can overtake an
/// earlier one.
/// </para>
/// <para>
/// A batch must end before anything waits for the peer (a close handshake): a held close frame would
/// never reach it. Reads are one reader's at a time (the WebSocket's receive), as for any stream; a
/// read at least as large as the buffer goes straight to the connection. This source file is compiled into the node and the client, which
/// otherwise share no code (each implements spec/agent-link.md on its own); it is transport plumbing.
/// </para>
/// </remarks>
internal sealed class BufferedLinkStream : Stream
{
    /// <summary>The most a read takes from the connection at once.</summary>
    public const int ReadBufferBytes = 16 * 1024;

    /// <summary>How much a writer lets a batch hold before it writes it out and starts the next, so a long queue still flows.</summary>
    public const int MaxBatchBytes = 64 * 1024;

    private const int InitialBufferBytes = 16 * 1024;

    private readonly Stream _inner;

    // Flushes one at a time: the one holding it writes a taken buffer while others append to the next.
    private readonly SemaphoreSlim _flushing = new(1, 1);

    // Guards _pending, _pendingLength, _spare and _batching.
    private readonly Lock _lock = new();
    private byte[] _pending = new byte[InitialBufferBytes];
    private int _pendingLength;

    // The buffer the last flush wrote; it becomes the next one to append to once that flush is done.
    private byte[] _spare = new byte[InitialBufferBytes];
    private bool _batching;

    // The reader's own: bytes received and not yet read are _received[_readFrom.._receivedTo).
    private readonly byte[] _received = new byte[ReadBufferBytes];
    private int _readFrom;
    private int _receivedTo;

    public BufferedLinkStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Bytes written and not yet handed to the connection.</summary>
    public int PendingBytes
    {
        get
        {
            lock (_lock)
            {
                return _pendingLength;
            }
        }
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Holds the writes that follow until <see cref="EndBatchAsync"/>.</summary>
    public void BeginBatch()
    {
        lock (_lock)
        {
            _batching = true;
        }
    }

    /// <summary>Ends the batch and writes what it gathered (and anything written meanwhile) in one call.</summary>
    public ValueTask EndBatchAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _batching = false;
        }

        return FlushPendingAsync(cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Append(buffer.Span) ? ValueTask.CompletedTask : FlushPendingAsync(cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!Append(buffer))
        {
            FlushPending();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Outside a batch, writes whatever is pending; inside one, nothing (the batch's end does).</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        IsBatching ? Task.CompletedTask : FlushPendingAsync(cancellationToken).AsTask();

    public override void Flush()
    {
        if (!IsBatching)
        {
            FlushPending();
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readFrom < _receivedTo)
        {
            return new ValueTask<int>(CopyReceived(buffer.Span));
        }

        return buffer.Length >= ReadBufferBytes
            ? _inner.ReadAsync(buffer, cancellationToken)
            : ReceiveAndCopyAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        if (_readFrom < _receivedTo)
        {
            return CopyReceived(buffer);
        }

        if (buffer.Length >= ReadBufferBytes)
        {
            return _inner.Read(buffer);
        }

        _receivedTo = _inner.Read(_received);
        _readFrom = 0;
        return CopyReceived(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsBatching
    {
        get
        {
            lock (_lock)
            {
                return _batching;
            }
        }
    }

    private async ValueTask<int> ReceiveAndCopyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _receivedTo = await _inner.ReadAsync(_received, cancellationToken).ConfigureAwait(false);
        _readFrom = 0;
        return CopyReceived(buffer.Span);
    }

    /// <summary>Moves received bytes to the reader's buffer; 0 only when nothing was received (the end of the stream).</summary>
    private int CopyReceived(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _receivedTo - _readFrom);
        _received.AsSpan(_readFrom, count).CopyTo(buffer);
        _readFrom += count;
        return count;
    }

    /// <summary>Appends the bytes; true when a batch holds them, false when the caller must flush.</summary>
    private bool Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            var needed = _pendingLength + bytes.Length;
            if (needed > _pending.Length)
            {
                Array.Resize(ref _pending, Math.Max(needed, 2 * _pending.Length));
            }

            bytes.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength = needed;
            return _batching;
        }
    }

    /// <summary>Takes what is pending (swapping in the spare buffer); empty when another flush took it already.</summary>
    private ArraySegment<byte> TakePending()
    {
        lock (_lock)
        {
            var taken = new ArraySegment<byte>(_pending, 0, _pendingLength);
            (_pending, _spare) = (_spare, _pending);
            _pendingLength = 0;
            return taken;
        }
    }

    private async ValueTask FlushPendingAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var taken = TakePending();
            if (taken.Count > 0)
            {
                await _inner.WriteAsync(taken.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private void FlushPending()
    {
        _flushing.Wait();
        try
        {
            var taken = TakePending();
            if (taken.Count > 0)
            {
                _inner.Write(taken.AsSpan());
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}
