using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AgentMesh.Node.Tests.Link;

/// <summary>A bare WebSocket speaking the agent link by hand, to check the wire format and bad inputs exactly.</summary>
internal sealed class RawLink : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<RawLink> ConnectAsync(Uri node, string? token = null)
    {
        var link = new RawLink();
        if (token is not null)
        {
            link._socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        var uri = new UriBuilder(node) { Scheme = "ws", Path = "/agents/link" }.Uri;
        await link._socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Timeout);
        return link;
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);

    public Task SendBytesAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Timeout);

    /// <summary>The next frame, or null when the node closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        var total = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(total), CancellationToken.None).AsTask().WaitAsync(Timeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            total += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, total)).RootElement.Clone();
            }
        }
    }

    public async Task<JsonElement> ExpectAsync(string type)
    {
        var frame = await ReceiveAsync() ?? throw new InvalidOperationException($"Expected a {type} frame, but the node closed the connection ({CloseStatus} {CloseDescription}).");
        frame.GetProperty("type").GetString().Should().Be(type, $"the frame was {frame}");
        return frame;
    }

    public async Task<JsonElement> HelloAsync(string agentId, string incarnation)
    {
        await SendAsync($$$"""{"type":"hello","protocol":1,"agentId":"{{{agentId}}}","incarnation":"{{{incarnation}}}","contextTokens":80000,"labels":{"host":"test"}}""");
        return await ExpectAsync("hello-ok");
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Timeout);
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException)
            {
                // The node may already be gone.
            }
        }

        _socket.Dispose();
    }
}
