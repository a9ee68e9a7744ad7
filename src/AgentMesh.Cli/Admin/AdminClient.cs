using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentMesh.Cli.Admin;

/// <summary>
/// The node's admin API (spec/admin-api.md) as the CLI uses it: every answer is read as a
/// <see cref="JsonElement"/> so that a field added or renamed on the node does not break the command,
/// and every failure becomes a <see cref="CliException"/> with the exit code a script can match on
/// and the node's problem-details <c>title</c> and <c>detail</c> as its message.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    /// <summary>How long one request may take; the event stream is not bounded.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly bool _hasToken;

    public AdminClient(Uri nodeUrl, string? token)
    {
        NodeUrl = nodeUrl;
        _hasToken = !string.IsNullOrEmpty(token);
        _http = new HttpClient { BaseAddress = nodeUrl, Timeout = Timeout.InfiniteTimeSpan };
        if (_hasToken)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri NodeUrl { get; }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, body: null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, JsonObject? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body ?? [], cancellationToken);

    public Task<JsonElement> PutAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, body: null, cancellationToken);

    /// <summary>
    /// Opens <c>GET /api/events</c> and returns its body once the node has answered with 200; read it
    /// with <see cref="ServerSentEventReader"/>. The stream ends when the node stops or
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<Stream> OpenEventStreamAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        HttpResponseMessage response;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Only the headers are bounded: the stream itself lasts as long as the operator wants.
            timeout.CancelAfter(RequestTimeout);
            response = await RequestAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout, cancellationToken);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await FailureAsync(response, cancellationToken);
            }
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Escapes one path segment (an agent id, a budget scope such as <c>model:openai/gpt-4o</c>).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var response = await RequestAsync(request, HttpCompletionOption.ResponseContentRead, timeout, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return EmptyObject();
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Unexpected, $"the node at {NodeUrl} answered {path} with something that is not JSON: {e.Message}", e);
        }
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private async Task<HttpResponseMessage> RequestAsync(
        HttpRequestMessage request, HttpCompletionOption completion, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable,
                $"the node at {NodeUrl} did not answer within {RequestTimeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the node at {NodeUrl}: {Reason(e)}", e);
        }
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (is the node running? start one with: agentmesh node)",
        SocketException socket => socket.Message,
        { } inner => inner.Message,
        null => e.Message,
    };

    /// <summary>The node's problem details as one line, with the exit code its status stands for.</summary>
    private async Task<CliException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = ProblemDetails.Parse(text);
        var summary = problem.Summary
            ?? $"{status.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase ?? "error"}";

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized,
                _hasToken ? summary : $"{summary} (no token was sent: pass --token or set AGENTMESH_TOKEN)"),
            HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, summary),
            HttpStatusCode.Conflict => new CliException(ExitCodes.Refused,
                problem.Reason is { } reason && problem.Title?.Contains(reason, StringComparison.Ordinal) != true ? $"{summary} ({reason})" : summary),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge =>
                new CliException(ExitCodes.Usage, summary),
            _ => new CliException(ExitCodes.Unexpected, $"the node failed ({status.ToString(CultureInfo.InvariantCulture)}): {summary}"),
        };
    }
}
