using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers admin API paths with canned status codes and bodies,
/// for the answers a real node cannot be made to give on demand (a 500, a 400, shapes still being
/// settled); it records each request's method, path and body.
/// </summary>
internal sealed class StubAdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _requests = new();

    private StubAdminApi(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public string Url { get; private set; } = null!; // Set by StartAsync.

    public IReadOnlyCollection<(string Method, string Path, string Body)> Requests => _requests;

    public static async Task<StubAdminApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new StubAdminApi(builder.Build());
        await stub._app.StartAsync();
        stub.Url = stub._app.Urls.Single();
        return stub;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with this status and JSON body.</summary>
    public void Answer(string method, string pathAndQuery, int status, string body) => _answers[$"{method} {pathAndQuery}"] = (status, body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var key = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        _requests.Enqueue((context.Request.Method, $"{context.Request.Path}{context.Request.QueryString}", body));
        var (status, text) = _answers.TryGetValue(key, out var answer)
            ? answer
            : (404, """{"title":"Not found","status":404,"detail":"The stub has no answer for this path."}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await context.Response.WriteAsync(text);
    }
}
