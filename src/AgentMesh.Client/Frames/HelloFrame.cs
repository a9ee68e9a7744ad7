namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>hello</c>: the first frame on every connection, including every reconnect of the same process,
/// which sends the same <see cref="Incarnation"/>.
/// </summary>
public sealed record HelloFrame : AgentFrame
{
    /// <summary>The protocol version this client speaks.</summary>
    public const int CurrentProtocol = 1;

    /// <exception cref="ArgumentException">
    /// <paramref name="agentId"/> is not 1–64 characters of <c>[A-Za-z0-9._-]</c>,
    /// <paramref name="incarnation"/> is not 1–128 printable characters, a count is negative, or
    /// <paramref name="protocol"/> is below 1.
    /// </exception>
    public HelloFrame(
        string agentId,
        string incarnation,
        long? contextTokens = null,
        IReadOnlyDictionary<string, string>? labels = null,
        int protocol = CurrentProtocol)
    {
        Protocol = protocol;
        AgentId = agentId;
        Incarnation = incarnation;
        ContextTokens = contextTokens;
        Labels = labels;
    }

    public int Protocol
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException("protocol", value, "The protocol version must be 1 or more.");
    }

    public string AgentId { get; init => field = LinkText.AgentId(value, "agentId"); }

    public string Incarnation { get; init => field = LinkText.Incarnation(value, "incarnation"); }

    /// <summary>Tokens a fresh session of this agent loads before doing any work; prices session spawns.</summary>
    public long? ContextTokens
    {
        get;
        init => field = value is { } tokens ? LinkText.NotNegative(tokens, "Context tokens", "contextTokens") : null;
    }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
