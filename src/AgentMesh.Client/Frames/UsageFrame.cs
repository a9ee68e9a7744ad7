namespace AgentMesh.Client.Frames;

/// <summary><c>usage</c>: the tokens one model call spent; the node's budgets tally them.</summary>
public sealed record UsageFrame : AgentFrame
{
    public UsageFrame(
        string sessionId, string provider, string model, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        SessionId = sessionId;
        Provider = provider;
        Model = model;
        InputTokens = inputTokens;
        CachedInputTokens = cachedInputTokens;
        OutputTokens = outputTokens;
    }

    public string SessionId { get; init => field = LinkText.Required(value, "A session id", "sessionId"); }

    public string Provider { get; init => field = LinkText.Required(value, "A provider", "provider"); }

    public string Model { get; init => field = LinkText.Required(value, "A model", "model"); }

    public long InputTokens { get; init => field = LinkText.NotNegative(value, "Input tokens", "inputTokens"); }

    public long CachedInputTokens
    {
        get;
        init => field = LinkText.NotNegative(value, "Cached input tokens", "cachedInputTokens");
    }

    public long OutputTokens { get; init => field = LinkText.NotNegative(value, "Output tokens", "outputTokens"); }
}
