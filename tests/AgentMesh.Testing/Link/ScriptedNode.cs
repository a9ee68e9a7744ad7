using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using AgentMesh.Client.Frames;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Testing.Link;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays a node at <c>/agents/link</c>, by script: it answers
/// <c>hello</c> with <see cref="HelloOk"/>, answers each <c>send</c> through <see cref="OnSend"/>
/// (by default <c>sent</c> with ids 1, 2, …), refuses upgrades with <see cref="RefuseWith"/> or 401
/// for a wrong <see cref="RequiredToken"/>, and hands every accepted connection to the test through
/// <see cref="Connections"/>, where the test can push frames, drop it or close it. Used by the
/// client's tests and by the CLI's tests of the built-in agent host.
/// </summary>
public sealed class ScriptedNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<NodeConnection> _connections = Channel.CreateUnbounded<NodeConnection>();
    private readonly ConcurrentDictionary<NodeConnection, bool> _live = new();
    private int _upgradeRequests;
    private long _lastMessageId;

    private ScriptedNode(WebApplication app)
    {
        _app = app;
        _app.UseWebSockets();
        _app.Map("/agents/link", HandleAsync);
        OnSend = AnswerSent;
    }

    public Uri LinkUri { get; private set; } = null!; // Set by StartAsync before the node is handed out.

    /// <summary>When set, an upgrade without <c>Authorization: Bearer</c> this token is answered 401.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>When set, every upgrade is answered with this HTTP status (a node that is down or refusing).</summary>
    public int? RefuseWith { get; set; }

    public HelloOkFrame HelloOk { get; set; } = new("test-node", AgentStates.Onboarding, 41);

    /// <summary>Frames sent after <c>hello</c> arrives and before it is answered.</summary>
    public IReadOnlyList<NodeFrame> BeforeHelloOk { get; set; } = [];

    /// <summary>When set, <c>hello</c> is answered with this frame instead of <see cref="HelloOk"/>.</summary>
    public NodeFrame? AnswerHelloWith { get; set; }

    /// <summary>The answer to a <c>send</c>; <see langword="null"/> leaves it unanswered.</summary>
    public Func<SendFrame, NodeFrame?> OnSend { get; set; }

    /// <summary>Requests to <c>/agents/link</c>, refused or not.</summary>
    public int UpgradeRequests => Volatile.Read(ref _upgradeRequests);

    /// <summary>Each connection whose <c>hello</c> was answered, in order.</summary>
    public ChannelReader<NodeConnection> Connections => _connections.Reader;

    /// <summary>How long <see cref="NextConnectionAsync"/> and <see cref="NodeConnection.NextAsync{T}"/> wait.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The next connection whose <c>hello</c> was answered.</summary>
    public async Task<NodeConnection> NextConnectionAsync() =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public static async Task<ScriptedNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var node = new ScriptedNode(builder.Build());
        await node._app.StartAsync();
        var address = node._app.Urls.Single();
        node.LinkUri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/agents/link");
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _live.Keys)
        {
            connection.Drop();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private NodeFrame AnswerSent(SendFrame send) => new SentFrame(send.Ref, Interlocked.Increment(ref _lastMessageId));

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _upgradeRequests);
        if (RefuseWith is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (RequiredToken is { } token && authorization != $"Bearer {token}")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new NodeConnection(context, socket, authorization);
        _live[connection] = true;
        try
        {
            await connection.RunAsync(this);
        }
        finally
        {
            _live.TryRemove(connection, out _);
        }
    }

    /// <summary>One accepted agent connection, as the node sees it.</summary>
    public sealed class NodeConnection(HttpContext context, WebSocket socket, string authorization)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Channel<AgentFrame> _received = Channel.CreateUnbounded<AgentFrame>();
        private readonly TaskCompletionSource<WebSocketCloseStatus?> _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The <c>Authorization</c> header of the upgrade, or empty.</summary>
        public string Authorization { get; } = authorization;

        public HelloFrame Hello { get; private set; } = null!; // Set before the connection is published.

        /// <summary>The frames after <c>hello</c>, in order.</summary>
        public ChannelReader<AgentFrame> Received => _received.Reader;

        /// <summary>The close status the client sent; <see langword="null"/> when the connection ended without one.</summary>
        public Task<WebSocketCloseStatus?> ClosedByClient => _closedByClient.Task;

        /// <summary>The agent's next frame, which must be a <typeparamref name="T"/>.</summary>
        /// <exception cref="InvalidOperationException">The next frame is of another type.</exception>
        public async Task<T> NextAsync<T>()
            where T : AgentFrame
        {
            var frame = await _received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            return frame as T ?? throw new InvalidOperationException($"Expected a {typeof(T).Name} from the agent, got {frame.GetType().Name}: {AgentLinkCodec.EncodeToString(frame)}");
        }

        public Task SendAsync(NodeFrame frame) => SendTextAsync(AgentLinkCodec.EncodeToString(frame));

        public async Task SendTextAsync(string text, int fragmentBytes = int.MaxValue)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            await _sendLock.WaitAsync();
            try
            {
                for (var offset = 0; offset < utf8.Length || offset == 0; offset += fragmentBytes)
                {
                    var length = Math.Min(fragmentBytes, utf8.Length - offset);
                    var last = offset + length >= utf8.Length;
                    await socket.SendAsync(utf8.AsMemory(offset, length), WebSocketMessageType.Text, last, CancellationToken.None);
                    if (last)
                    {
                        break;
                    }
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task SendBinaryAsync(byte[] data)
        {
            await _sendLock.WaitAsync();
            try
            {
                await socket.SendAsync(data, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Cuts the connection without a close frame, as a network failure would.</summary>
        public void Drop()
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request has already ended: the connection is gone.
            }

            socket.Abort();
        }

        /// <summary>Sends a close frame with <paramref name="status"/>; the client's answer ends the connection.</summary>
        public async Task CloseAsync(int status, string description)
        {
            await _sendLock.WaitAsync();
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)status, description, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task RunAsync(ScriptedNode node)
        {
            try
            {
                if (await ReceiveAsync() is not { } first)
                {
                    return;
                }

                Hello = (HelloFrame)AgentLinkCodec.DecodeAgentFrame(first);
                foreach (var early in node.BeforeHelloOk)
                {
                    await SendAsync(early);
                }

                await SendAsync(node.AnswerHelloWith ?? node.HelloOk);
                node._connections.Writer.TryWrite(this);
                while (await ReceiveAsync() is { } text)
                {
                    var frame = AgentLinkCodec.DecodeAgentFrame(text);

                    // The answer is decided before the frame is published, so that a test that saw the
                    // frame also sees what its OnSend did with it.
                    var answer = frame is SendFrame send ? node.OnSend(send) : null;
                    _received.Writer.TryWrite(frame);
                    if (answer is not null)
                    {
                        await SendAsync(answer);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Dropped, by the test or by the client.
            }
            finally
            {
                _closedByClient.TrySetResult(socket.CloseStatus);
                _received.Writer.TryComplete();
            }
        }

        /// <summary>One whole text message; <see langword="null"/> once the client closed (answered with our close).</summary>
        private async Task<string?> ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closedByClient.TrySetResult(result.CloseStatus);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await _sendLock.WaitAsync();
                        try
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                        }
                        finally
                        {
                            _sendLock.Release();
                        }
                    }

                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.ToArray());
                }
            }
        }
    }
}
