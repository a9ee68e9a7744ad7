using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Orchestration.Tests.Alerts;

/// <summary>
/// A real HTTP endpoint on loopback (Kestrel) that records every POST to <c>/alerts</c> and answers
/// with <see cref="Status"/>. It can be stopped and started again on the same port, like a receiver
/// that goes down and comes back.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private WebApplication? _app;

    private WebhookServer()
    {
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/alerts");

    public Channel<(string ContentType, string Body)> Received { get; } = Channel.CreateUnbounded<(string, string)>();

    /// <summary>The status the next POST is answered with.</summary>
    public Func<HttpStatusCode> Status { get; set; } = () => HttpStatusCode.OK;

    public static async Task<WebhookServer> StartAsync()
    {
        var server = new WebhookServer();
        await server.StartAsync(port: 0);
        return server;
    }

    public async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/alerts", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            Received.Writer.TryWrite((request.ContentType ?? string.Empty, body));
            return Results.StatusCode((int)Status());
        });
        await app.StartAsync();
        _app = app;
        // Kestrel publishes the bound address once started; port 0 becomes the one the OS chose.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task<(string ContentType, string Body)> NextAsync() =>
        await Received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => new(StopAsync());
}
