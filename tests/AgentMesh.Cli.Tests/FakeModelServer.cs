using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// An OpenAI-compatible endpoint on 127.0.0.1: <c>POST /v1/chat/completions</c> answers with
/// <see cref="Respond"/> (by default a reply with fixed usage) and records every request.
/// </summary>
internal sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ModelRequest> _requests = Channel.CreateUnbounded<ModelRequest>();
    private int _calls;

    private FakeModelServer(WebApplication app)
    {
        _app = app;
        _app.MapPost("/v1/chat/completions", HandleAsync);
    }

    /// <summary>The API root to pass as <c>--base-url</c>.</summary>
    public string BaseUrl { get; private set; } = null!; // Set by StartAsync.

    /// <summary>Status and body for a request (its number, from 1, and its JSON).</summary>
    public Func<int, JsonElement, (int Status, string Body)> Respond { get; set; } =
        (call, _) => (200, Completion($"reply {call}", promptTokens: 1200, cachedTokens: 1000, completionTokens: 50));

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeModelServer(builder.Build());
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.Single() + "/v1";
        return server;
    }

    public static string Completion(string content, long promptTokens, long cachedTokens, long completionTokens) =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new
            {
                prompt_tokens = promptTokens,
                completion_tokens = completionTokens,
                total_tokens = promptTokens + completionTokens,
                prompt_tokens_details = new { cached_tokens = cachedTokens },
            },
        });

    public static string Error(string message) =>
        JsonSerializer.Serialize(new { error = new { message, type = "invalid_request_error" } });

    public async Task<ModelRequest> NextRequestAsync() =>
        await _requests.Reader.ReadAsync().AsTask().WaitAsync(CliRun.Patience);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var body = document.RootElement.Clone();
        var call = Interlocked.Increment(ref _calls);
        _requests.Writer.TryWrite(new ModelRequest(body, context.Request.Headers.Authorization.ToString()));
        var (status, text) = Respond(call, body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text);
    }

    /// <summary>One request as the endpoint received it.</summary>
    internal sealed record ModelRequest(JsonElement Body, string Authorization)
    {
        public string Model => Body.GetProperty("model").GetString()!; // The host always sends a model.

        public IReadOnlyList<(string Role, string Content)> Messages =>
        [
            .. Body.GetProperty("messages").EnumerateArray()
                .Select(message => (message.GetProperty("role").GetString() ?? string.Empty, message.GetProperty("content").GetString() ?? string.Empty)),
        ];
    }
}
