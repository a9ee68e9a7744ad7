using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Agent;

/// <summary>
/// <c>POST {base}/chat/completions</c> of an OpenAI-compatible endpoint (OpenAI, a gateway, a local
/// server): the request carries <c>model</c> and <c>messages</c> only; the answer is read leniently as
/// a <see cref="JsonElement"/> for <c>choices[0].message.content</c> and <c>usage</c>.
/// </summary>
internal sealed class ChatCompletionsClient : IDisposable
{
    /// <summary>The longest error text passed on from the endpoint's body.</summary>
    private const int MaxErrorText = 300;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;

    public ChatCompletionsClient(Uri baseUrl, string? apiKey, TimeSpan timeout)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        _endpoint = new Uri(new Uri(root), "chat/completions");
        _timeout = timeout;
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri Endpoint => _endpoint;

    /// <exception cref="ChatCompletionException">The call failed; its <see cref="ChatCompletionException.Retryable"/> says whether trying again may help.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ChatCompletion> CompleteAsync(string model, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(RequestBody(model, messages)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        string text;
        HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatCompletionException(retryable: true, $"no answer from {_endpoint} within {_timeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new ChatCompletionException(retryable: true, $"cannot reach {_endpoint}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var code = (int)status;
        if (code is < 200 or > 299)
        {
            var retryable = status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || code >= 500;
            throw new ChatCompletionException(retryable,
                $"HTTP {code.ToString(CultureInfo.InvariantCulture)} from the model endpoint: {ErrorText(text)}");
        }

        return Parse(text);
    }

    public void Dispose() => _http.Dispose();

    private static byte[] RequestBody(string model, IReadOnlyList<ChatMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role);
                writer.WriteString("content", message.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static ChatCompletion Parse(string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ChatCompletionException(retryable: false, $"the model endpoint answered with something that is not JSON: {e.Message}", e);
        }

        var first = root.Items("choices").Select(choice => (JsonElement?)choice).FirstOrDefault();
        if (first?.Get("message") is not { ValueKind: JsonValueKind.Object } message)
        {
            throw new ChatCompletionException(retryable: false, "the model endpoint's answer has no choices[0].message");
        }

        return new ChatCompletion(
            message.Get("content") is { ValueKind: JsonValueKind.String } content ? content.GetString() ?? string.Empty : string.Empty,
            root.Long("usage", "prompt_tokens") ?? 0,
            root.Long("usage", "prompt_tokens_details", "cached_tokens") ?? 0,
            root.Long("usage", "completion_tokens") ?? 0);
    }

    /// <summary>The endpoint's <c>error.message</c> when it sent one (the OpenAI error shape), else the start of its body.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.Text("error", "message") is { } message)
            {
                return Clip(message);
            }

            if (document.RootElement.Get("error") is { ValueKind: JsonValueKind.String } error)
            {
                return Clip(error.GetString() ?? string.Empty);
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page, say; its text is all there is.
        }

        return string.IsNullOrWhiteSpace(body) ? "(empty body)" : Clip(body);
    }

    private static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxErrorText ? line : line[..MaxErrorText] + "…";
    }
}
