using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentMesh.Transport;

namespace AgentMesh.Client;

/// <summary>
/// One WebSocket to the node. Frames are written by one writer loop, in the order they are queued
/// (a WebSocket allows one send at a time; a queue lets many callers hand frames over without
/// contending for a lock); receiving is done by one loop at a time. The connection also tracks the
/// sends written on it, so that when it drops exactly those are failed, and a send that starts after
/// the drop is not attached to it.
/// </summary>
internal sealed class LinkConnection : IDisposable
{
    private const int InitialReceiveBufferBytes = 16 * 1024;

    /// <summary>How long the node gets to answer our close after a violation before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _http;
    private readonly BufferedLinkStream _stream;
    private readonly int _maxFrameBytes;
    private readonly TimeProvider _time;
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });

    // Held by the writer loop around each write, and tried by the close paths, which skip their close
    // frame while a write is in progress.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _trackLock = new();

    // Guarded by _trackLock together with _closed: a send is either attached before the connection is
    // marked closed (and is then failed by MarkClosed) or refused by TryTrack; never lost in between.
    private readonly HashSet<PendingSend> _inFlight = [];
    private bool _closed;

    // Touched only by the single receive loop.
    private byte[] _receiveBuffer;

    private LinkConnection(ClientWebSocket socket, HttpMessageInvoker http, BufferedLinkStream stream, int maxFrameBytes, TimeProvider time)
    {
        _socket = socket;
        _http = http;
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
        _time = time;
        _receiveBuffer = new byte[Math.Min(InitialReceiveBufferBytes, maxFrameBytes + 1)];
        _ = WriteLoopAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>Opens the WebSocket (the HTTP upgrade); the handshake frames are the caller's.</summary>
    /// <exception cref="AgentLinkAuthenticationException">The node answered 401 or 403.</exception>
    /// <exception cref="AgentLinkException">The node could not be reached or refused the upgrade otherwise.</exception>
    public static async Task<LinkConnection> OpenAsync(AgentLinkClientOptions options, CancellationToken cancellationToken)
    {
        // The connection's stream is ours (a TCP socket under a BufferedLinkStream), so that the writer
        // can send the frames it has queued in one write; the upgrade itself is the BCL's.
        BufferedLinkStream? stream = null;
        var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, connecting) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await tcp.ConnectAsync(context.DnsEndPoint, connecting).ConfigureAwait(false);
                }
                catch
                {
                    tcp.Dispose();
                    throw;
                }

                return stream = new BufferedLinkStream(new NetworkStream(tcp, ownsSocket: true));
            },
        });
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.KeepAliveInterval = options.KeepAliveInterval;
            socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
            if (options.BearerToken is { } token)
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }

            await socket.ConnectAsync(options.NodeUri, http, cancellationToken).ConfigureAwait(false);

            // The connect callback ran for the upgraded connection: the handler has no other.
            return new LinkConnection(socket, http, stream!, options.MaxFrameBytes, options.TimeProvider);
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Dispose(socket, http);
            throw new AgentLinkAuthenticationException(options.NodeUri, (int)socket.HttpStatusCode, e);
        }
        catch (WebSocketException e) when (!cancellationToken.IsCancellationRequested)
        {
            var status = socket.HttpStatusCode;
            Dispose(socket, http);
            var why = status is 0 ? e.Message : $"the upgrade was answered with HTTP {(int)status}";
            throw new AgentLinkException($"Could not open the agent link to {options.NodeUri}: {why}", e);
        }
        catch
        {
            Dispose(socket, http);
            throw;
        }

        static void Dispose(ClientWebSocket socket, HttpMessageInvoker http)
        {
            socket.Dispose();
            http.Dispose();
        }
    }

    /// <summary>Queues one text frame; the task completes when it is written.</summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> withdraws the frame only while it waits in the queue:
    /// cancelling a WebSocket write aborts the whole socket, so one caller giving up must not drop the
    /// link for every other. A write that hangs is ended by the keep-alive timeout, which aborts the socket.
    /// </remarks>
    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var outgoing = OutgoingFrame.Posted(frame);
        if (!_outgoing.Writer.TryWrite(outgoing))
        {
            return Task.FromException(new ObjectDisposedException(nameof(LinkConnection)));
        }

        outgoing.WithdrawOn(cancellationToken);
        return outgoing.Written;
    }

    /// <summary>
    /// Queues the frame of <paramref name="send"/>, which must be tracked here (<see cref="TryTrack"/>):
    /// a failed write fails the send; a dropped connection fails it through <see cref="MarkClosed"/>.
    /// </summary>
    public void QueueSend(ReadOnlyMemory<byte> frame, PendingSend send)
    {
        if (!_outgoing.Writer.TryWrite(OutgoingFrame.ForSend(frame, send)))
        {
            send.TryFail(new AgentLinkConnectionLostException(
                $"The agent link closed before send '{send.Ref}' was written; the node did not get it."));
        }
    }

    /// <summary>
    /// Receives one whole frame, however many WebSocket fragments it came in. The memory is valid until
    /// the next call. <see langword="null"/> when the node closed the connection (see
    /// <see cref="CloseStatus"/>).
    /// </summary>
    /// <exception cref="AgentLinkFrameTooLargeException">The frame exceeds the limit; the connection was closed with 1009.</exception>
    /// <exception cref="AgentLinkProtocolException">A binary frame; the connection was closed with 1003.</exception>
    // Pooled: one receive loop awaits each call once, so its state machine box is reused instead of allocated per frame.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "text-frames-only", cancellationToken).ConfigureAwait(false);
                throw new AgentLinkProtocolException("binary-frame", "The node sent a binary frame; the agent link carries text frames only.");
            }

            length += result.Count;
            if (length > _maxFrameBytes)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, AgentLinkFrameTooLargeException.FrameTooLarge, cancellationToken)
                    .ConfigureAwait(false);
                throw new AgentLinkFrameTooLargeException(_maxFrameBytes);
            }

            if (result.EndOfMessage)
            {
                return _receiveBuffer.AsMemory(0, length);
            }

            if (length == _receiveBuffer.Length)
            {
                // One byte past the limit is enough to tell that a frame is too large.
                Array.Resize(ref _receiveBuffer, (int)Math.Min(2L * _receiveBuffer.Length, _maxFrameBytes + 1L));
            }
        }
    }

    /// <summary>
    /// Sends a close frame without waiting for the node's; the receive loop sees the node's answer.
    /// Waits for a write in progress to finish (a batch just written is usually still releasing the
    /// socket when its answers arrive), but skips the close when the write takes longer than the close
    /// handshake timeout (the socket is then aborted by the caller instead).
    /// </summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string description)
    {
        using (var wait = new CancellationTokenSource(CloseHandshakeTimeout, _time))
        {
            try
            {
                await _sendLock.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, description, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // The connection is going away either way.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Attaches a send to this connection; false when the connection has already dropped.</summary>
    public bool TryTrack(PendingSend send)
    {
        lock (_trackLock)
        {
            return !_closed && _inFlight.Add(send);
        }
    }

    public void Untrack(PendingSend send)
    {
        lock (_trackLock)
        {
            _inFlight.Remove(send);
        }
    }

    /// <summary>Marks the connection dropped and returns the sends that were in flight on it.</summary>
    public PendingSend[] MarkClosed()
    {
        lock (_trackLock)
        {
            _closed = true;
            var inFlight = _inFlight.ToArray();
            _inFlight.Clear();
            return inFlight;
        }
    }

    public void Abort() => _socket.Abort();

    /// <summary>
    /// Writes the queued frames in order until the queue is completed. What is queued when the writer
    /// wakes goes out as one batch (one write to the socket instead of one per frame), up to
    /// <see cref="BufferedLinkStream.MaxBatchBytes"/>; its frames count as written once the batch is.
    /// After a failed write the socket is unusable, so every later frame fails with the same error
    /// without being tried.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        Exception? broken = null;
        var reader = _outgoing.Reader;
        var batch = new List<OutgoingFrame>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                if (!frame.TryStart())
                {
                    continue;
                }

                if (broken is not null)
                {
                    frame.Fail(broken);
                    continue;
                }

                batch.Add(frame);
                if (batch.Count == 1)
                {
                    await _sendLock.WaitAsync().ConfigureAwait(false);
                    _stream.BeginBatch();
                }

                broken = await TryWriteAsync(frame).ConfigureAwait(false);
                if (broken is not null || _stream.PendingBytes >= BufferedLinkStream.MaxBatchBytes)
                {
                    broken = await EndBatchAsync(batch, broken).ConfigureAwait(false);
                }
            }

            if (batch.Count > 0)
            {
                broken = await EndBatchAsync(batch, broken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Hands one frame to the WebSocket (inside a batch, to the batch); the error when that failed.</summary>
    private async ValueTask<Exception?> TryWriteAsync(OutgoingFrame frame)
    {
        try
        {
            await _socket.SendAsync(frame.Utf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            return e;
        }
    }

    /// <summary>Writes the batch to the socket and settles its frames: written, or failed with the error.</summary>
    private async ValueTask<Exception?> EndBatchAsync(List<OutgoingFrame> batch, Exception? broken)
    {
        try
        {
            await _stream.EndBatchAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            broken ??= e;
        }
        finally
        {
            _sendLock.Release();
        }

        foreach (var frame in batch)
        {
            if (broken is null)
            {
                frame.Succeed();
            }
            else
            {
                frame.Fail(broken);
            }
        }

        batch.Clear();
        return broken;
    }

    private static bool IsConnectionError(Exception e) =>
        e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException or SocketException;

    /// <remarks>
    /// The send lock is not disposed: a close racing with the receive loop's disposal may still release
    /// it, and a <see cref="SemaphoreSlim"/> whose wait handle was never asked for holds nothing to free.
    /// </remarks>
    public void Dispose()
    {
        // Frames still queued are then failed by the writer against the disposed socket.
        _outgoing.Writer.TryComplete();
        _socket.Dispose();
        _http.Dispose();
    }

    /// <summary>
    /// The close handshake after a violation by the node: send the close, then read (and discard) until
    /// the node's close arrives, so the node reads our status before the connection goes.
    /// </summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        if (!await _sendLock.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout, _time);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await _socket.CloseAsync(status, description, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is going away either way; the caller reports the violation.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
