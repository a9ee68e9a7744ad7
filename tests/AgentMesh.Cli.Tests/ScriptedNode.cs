using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using AgentMesh.Client.Frames;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays a node at <c>/agents/link</c>: it answers <c>hello</c>
/// with <see cref="HelloOk"/> (or refuses the upgrade with <see cref="RefuseWith"/>), and hands each
/// connection to the test, which reads the agent's frames and pushes the node's.
/// </summary>
internal sealed class ScriptedNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Connection> _connections = Channel.CreateUnbounded<Connection>();

    private ScriptedNode(WebApplication app)
    {
        _app = app;
        _app.UseWebSockets();
        _app.Map("/agents/link", HandleAsync);
    }

    public Uri LinkUri { get; private set; } = null!; // Set by StartAsync before the node is handed out.

    public HelloOkFrame HelloOk { get; set; } = new("scripted-node", AgentStates.Ready, 0);

    /// <summary>When set, every upgrade is answered with this HTTP status.</summary>
    public int? RefuseWith { get; set; }

    public static async Task<ScriptedNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var node = new ScriptedNode(builder.Build());
        await node._app.StartAsync();
        node.LinkUri = new Uri(node._app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/agents/link");
        return node;
    }

    public async Task<Connection> NextConnectionAsync() =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(CliRun.Patience);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (RefuseWith is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(socket, context.Request.Headers.Authorization.ToString());
        await connection.RunAsync(this, context.RequestAborted);
    }

    /// <summary>One agent connection, as the node sees it.</summary>
    internal sealed class Connection(WebSocket socket, string authorization)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly Channel<AgentFrame> _received = Channel.CreateUnbounded<AgentFrame>();

        public string Authorization { get; } = authorization;

        public HelloFrame Hello { get; private set; } = null!; // Set before the connection is published.

        public async Task SendAsync(NodeFrame frame)
        {
            var utf8 = Encoding.UTF8.GetBytes(AgentLinkCodec.EncodeToString(frame));
            await _sendLock.WaitAsync();
            try
            {
                await socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>The agent's next frame, which must be a <typeparamref name="T"/>.</summary>
        public async Task<T> NextAsync<T>()
            where T : AgentFrame
        {
            var frame = await _received.Reader.ReadAsync().AsTask().WaitAsync(CliRun.Patience);
            return frame.Should().BeOfType<T>().Subject;
        }

        public async Task RunAsync(ScriptedNode node, CancellationToken aborted)
        {
            try
            {
                if (await ReceiveAsync(aborted) is not { } first)
                {
                    return;
                }

                Hello = (HelloFrame)AgentLinkCodec.DecodeAgentFrame(first);
                await SendAsync(node.HelloOk);
                node._connections.Writer.TryWrite(this);
                while (await ReceiveAsync(aborted) is { } text)
                {
                    _received.Writer.TryWrite(AgentLinkCodec.DecodeAgentFrame(text));
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                // The agent went away.
            }
            finally
            {
                _received.Writer.TryComplete();
            }
        }

        private async Task<string?> ReceiveAsync(CancellationToken aborted)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await _sendLock.WaitAsync(aborted);
                    try
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                    }
                    finally
                    {
                        _sendLock.Release();
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
