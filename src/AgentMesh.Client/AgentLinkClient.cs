using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client;

/// <summary>
/// The agent's end of the agent link (spec/agent-link.md): one WebSocket to one node, kept up for
/// the life of the instance.
/// </summary>
/// <remarks>
/// <para>
/// <b>Life.</b> <see cref="ConnectAsync"/> makes the first connection and fails if it cannot be made.
/// After that the client reconnects by itself whenever the link drops, with exponential back-off
/// (<see cref="AgentLinkClientOptions.ReconnectMinDelay"/> doubling up to
/// <see cref="AgentLinkClientOptions.ReconnectMaxDelay"/>, with jitter) and always with the same
/// <see cref="Incarnation"/>, re-sending <c>hello</c> each time, so the node sees one process
/// reconnecting and does not welcome it again. It stops for good, without retrying, when the node
/// closes with 4000 (<c>replaced</c>), when a reconnect is refused with HTTP 401/403, or when the
/// client is disposed; <see cref="State"/> is then <see cref="AgentLinkConnectionState.Stopped"/>.
/// </para>
/// <para>
/// <b>What is retried.</b> Only connecting. Frames are never re-sent: a frame is written once, on the
/// connection that is up when it is sent (a send made while the link is down waits for it, within
/// <see cref="AgentLinkClientOptions.SendTimeout"/>). A send whose connection drops before its answer
/// fails with <see cref="AgentLinkConnectionLostException"/>; sending it again is safe because the node
/// drops a repeat inside its cooldown window.
/// </para>
/// <para>
/// <b>Threading.</b> Every method may be called from any thread, concurrently. Incoming frames are
/// read by one internal loop and queued without bound into <see cref="Frames"/>, in arrival order;
/// <c>sent</c>, <c>rejected</c> and <c>error</c> frames that answer a pending
/// <see cref="SendAsync(string, System.Text.Json.JsonElement, string?, SendKind, CancellationToken)"/>
/// complete it instead. <see cref="StateChanged"/> handlers run synchronously on the client's own
/// threads, one at a time, in order; they must not block.
/// </para>
/// </remarks>
public sealed partial class AgentLinkClient : IAsyncDisposable
{
    /// <summary>How long the node gets to answer the close on dispose before the socket is aborted.</summary>
    private static readonly TimeSpan DisposeCloseTimeout = TimeSpan.FromSeconds(5);

    private readonly AgentLinkClientOptions _options;
    private readonly TimeProvider _time;
    private readonly byte[] _hello;
    private readonly ReconnectBackoff _backoff;
    private readonly Channel<NodeFrame> _incoming = Channel.CreateUnbounded<NodeFrame>();
    private readonly ConcurrentDictionary<string, PendingSend> _pending = new(StringComparer.Ordinal);
    private readonly SendTimeouts _sendTimeouts;

    // Cancelled by dispose: no further attempt starts, and a back-off delay or handshake ends at once.
    private readonly CancellationTokenSource _stopping = new();

    // Cancelled by dispose after the close frame was sent: ends a receive the node does not end.
    private readonly CancellationTokenSource _abort = new();

    // Guards the link's life: which connection is current, the gate sends wait on, the receive loop
    // and the stopped/disposed flags. Connection, gate and flags change together under it, so a send
    // never attaches to a connection that is being replaced or to a client that has stopped.
    private readonly Lock _lifecycleLock = new();
    private LinkConnection? _connection;
    private TaskCompletionSource<LinkConnection> _linkUp = NewLinkGate();
    private Task? _loop;
    private bool _connectStarted;
    private long _linkedAt;
    private volatile bool _disposed;
    private volatile bool _stopped;
    private volatile Exception? _stoppedBy;

    // Serialises state changes so that handlers see them one at a time and in order. Never taken
    // while _lifecycleLock is held, so a handler may call back into the client.
    private readonly Lock _stateLock = new();
    private volatile AgentLinkConnectionState _state;
    private volatile HelloOkFrame? _lastHelloOk;

    private long _lastRef;

    /// <exception cref="ArgumentException">An option is out of range, or the agent id or incarnation breaks the spec's rules.</exception>
    public AgentLinkClient(AgentLinkClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        Incarnation = options.Incarnation ?? Guid.NewGuid().ToString("D");
        _hello = AgentLinkCodec.Encode(new HelloFrame(options.AgentId, Incarnation, options.ContextTokens, options.Labels));
        if (_hello.Length > options.MaxFrameBytes)
        {
            throw new ArgumentException(
                $"The hello frame is {_hello.Length} bytes, more than MaxFrameBytes ({options.MaxFrameBytes}); shorten the labels.",
                nameof(options));
        }

        _sendTimeouts = new SendTimeouts(_time, options.SendTimeout);
        _backoff = new ReconnectBackoff(
            options.ReconnectMinDelay, options.ReconnectMaxDelay, options.ReconnectJitter, options.JitterRandom);
    }

    /// <summary>
    /// Raised on every state change, synchronously, on the thread that made it (the caller of
    /// <see cref="ConnectAsync"/> or <see cref="DisposeAsync"/>, or the reconnect loop). An exception
    /// thrown by a handler is swallowed so that it cannot stop the link.
    /// </summary>
    public event EventHandler<AgentLinkStateChange>? StateChanged;

    public string AgentId => _options.AgentId;

    /// <summary>The incarnation every <c>hello</c> of this instance carries.</summary>
    public string Incarnation { get; }

    public AgentLinkConnectionState State => _state;

    /// <summary>The <c>hello-ok</c> of the latest connection; <see langword="null"/> before the first.</summary>
    public HelloOkFrame? LastHelloOk => _lastHelloOk;

    /// <summary>
    /// The frames from the node, in arrival order, across reconnects: each connection's
    /// <see cref="HelloOkFrame"/> first, then what the node sends, including <see cref="UnknownFrame"/>
    /// and <see cref="MalformedFrame"/>. Unbounded: read it. It completes when the client stops, with
    /// the reason (<see cref="AgentLinkReplacedException"/>, <see cref="AgentLinkAuthenticationException"/>)
    /// as its error, or normally on dispose.
    /// </summary>
    public ChannelReader<NodeFrame> Frames => _incoming.Reader;

    /// <summary>The frames of <see cref="Frames"/> as an async stream; enumerate it from one consumer.</summary>
    public IAsyncEnumerable<NodeFrame> ReadFramesAsync(CancellationToken cancellationToken = default) =>
        _incoming.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Opens the link: the WebSocket upgrade (with <c>Authorization: Bearer</c> when a token is set),
    /// <c>hello</c>, and the node's <c>hello-ok</c>, within <see cref="AgentLinkClientOptions.HelloTimeout"/>.
    /// Call it once; from then on the client reconnects by itself. After a failure it may be called again.
    /// </summary>
    /// <returns>The node's <c>hello-ok</c> (also the first frame of <see cref="Frames"/>).</returns>
    /// <exception cref="AgentLinkAuthenticationException">The node answered 401 or 403.</exception>
    /// <exception cref="AgentLinkReplacedException">The node closed the new connection with 4000.</exception>
    /// <exception cref="AgentLinkProtocolException">The node answered <c>hello</c> with <c>error</c>.</exception>
    /// <exception cref="TimeoutException">No <c>hello-ok</c> within the hello timeout.</exception>
    /// <exception cref="AgentLinkException">The node could not be reached or closed the connection during the handshake.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected or connecting.</exception>
    public async Task<HelloOkFrame> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycleLock)
        {
            ThrowIfStopped();
            if (_connectStarted)
            {
                throw new InvalidOperationException("ConnectAsync was already called; the client reconnects by itself after a drop.");
            }

            _connectStarted = true;
        }

        SetState(AgentLinkConnectionState.Connecting);
        Handshake handshake;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            handshake = await HandshakeAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_lifecycleLock)
            {
                _connectStarted = false;
            }

            SetState(AgentLinkConnectionState.Disconnected, error: e);
            ThrowIfStopped();
            throw;
        }

        if (!TryLinkUp(handshake))
        {
            Discard(handshake.Connection);
            throw new ObjectDisposedException(nameof(AgentLinkClient));
        }

        // Announced before the receive loop starts, so that its changes can only follow this one; and
        // outside the lock, so that a handler calling back into the client cannot deadlock with it.
        SetState(AgentLinkConnectionState.Connected, helloOk: handshake.HelloOk);
        lock (_lifecycleLock)
        {
            if (_disposed)
            {
                // Disposed in between: DisposeAsync found no loop to close this connection through.
                Discard(handshake.Connection);
                throw new ObjectDisposedException(nameof(AgentLinkClient));
            }

            // The loop outlives this call and its token; only dispose ends it.
            _loop = Task.Run(() => RunAsync(handshake.Connection), CancellationToken.None);
        }

        return handshake.HelloOk;
    }

    /// <summary>
    /// Stops the client: no further reconnects, the current connection is closed with 1000 (the node
    /// gets a few seconds to answer), sends still waiting fail with <see cref="ObjectDisposedException"/>,
    /// and <see cref="Frames"/> completes. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        LinkConnection? connection;
        lock (_lifecycleLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
            connection = _connection;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (connection is not null && loop is not null)
        {
            await connection.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client-closing").ConfigureAwait(false);

            // A token source rather than WaitAsync(timeout): its timer is gone when the using ends.
            using var closeTimeout = new CancellationTokenSource(DisposeCloseTimeout, _time);
            try
            {
                // The node answers the close and the receive loop ends with it.
                await loop.WaitAsync(closeTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The node did not answer; the abort below ends the receive.
            }
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        Stop(null);
        _sendTimeouts.Dispose();
    }

    private static TaskCompletionSource<LinkConnection> NewLinkGate() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Discard(LinkConnection? connection)
    {
        if (connection is not null)
        {
            connection.Abort();
            connection.Dispose();
        }
    }

    private void ThrowIfStopped()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_stopped)
        {
            throw StopError();
        }
    }

    /// <summary>
    /// A fresh exception saying why the client stopped, for each caller that runs into it; the original
    /// instance is not rethrown from several threads at once.
    /// </summary>
    private Exception StopError() => _stoppedBy switch
    {
        AgentLinkReplacedException replaced => new AgentLinkReplacedException(replaced.CloseDescription),
        AgentLinkAuthenticationException refused => new AgentLinkAuthenticationException(refused.NodeUri, refused.StatusCode, refused),
        _ => new ObjectDisposedException(nameof(AgentLinkClient)),
    };

    private void SetState(
        AgentLinkConnectionState state,
        int attempt = 0,
        TimeSpan? retryDelay = null,
        HelloOkFrame? helloOk = null,
        Exception? error = null)
    {
        lock (_stateLock)
        {
            var previous = _state;
            if (previous == AgentLinkConnectionState.Stopped)
            {
                return;
            }

            _state = state;
            if (helloOk is not null)
            {
                _lastHelloOk = helloOk;
            }

            try
            {
                StateChanged?.Invoke(this, new AgentLinkStateChange(state, previous, attempt, retryDelay, helloOk, error));
            }
#pragma warning disable CA1031 // A handler's failure is the handler's; it must not stop the reconnect loop.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
