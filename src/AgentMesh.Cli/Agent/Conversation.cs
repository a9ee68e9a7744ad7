namespace AgentMesh.Cli.Agent;

/// <summary>
/// One session as a chat conversation: the system prompt (and the node's onboarding material) first,
/// then each delivered message and its reply. Owned by the host's worker; not thread-safe.
/// </summary>
internal sealed class Conversation
{
    private readonly List<ChatMessage> _messages;

    public Conversation(string sessionId, IEnumerable<ChatMessage> preamble, long contextTokens)
    {
        SessionId = sessionId;
        _messages = [.. preamble];
        UnbilledContextTokens = contextTokens;
    }

    public string SessionId { get; }

    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>
    /// The context tokens <c>session-started</c> already reported, which the first call's prompt loads
    /// again; they are taken off that call's input so that the node does not count them twice.
    /// </summary>
    public long UnbilledContextTokens { get; private set; }

    public int Turns { get; private set; }

    public void Ask(string text) => _messages.Add(new ChatMessage("user", text));

    /// <summary>Adds the reply and answers the uncached input to report for the call that produced it.</summary>
    public long Answer(string reply, long uncachedInputTokens)
    {
        _messages.Add(new ChatMessage("assistant", reply));
        Turns++;
        var deducted = Math.Min(UnbilledContextTokens, uncachedInputTokens);
        UnbilledContextTokens = 0;
        return uncachedInputTokens - deducted;
    }

    /// <summary>Takes back the last question after a failed call, so that a retry does not ask it twice.</summary>
    public void Withdraw()
    {
        if (_messages.Count > 0 && _messages[^1].Role == "user")
        {
            _messages.RemoveAt(_messages.Count - 1);
        }
    }
}
