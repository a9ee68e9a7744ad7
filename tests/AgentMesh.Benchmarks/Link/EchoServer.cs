using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Benchmarks.Link;

/// <summary>
/// The baseline's server: Kestrel on 127.0.0.1 with a WebSocket endpoint at <c>/echo</c> that answers
/// every text frame with a small JSON frame the size of a <c>sent</c> answer. No parsing, no store.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Uri => new UriBuilder(_app.Urls.First()) { Scheme = "ws", Path = "/echo" }.Uri;

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", EchoAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new EchoServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        var answer = new byte[128];
        long count = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
            }
            while (!result.EndOfMessage);

            count++;
            var length = Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $$"""{"type":"sent","ref":"{{count}}","messageId":{{count}},"duplicate":false}"""),
                answer);
            await socket.SendAsync(answer.AsMemory(0, length), WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }
}
