namespace AgentMesh.Cli.Agent;

/// <summary>
/// A model call that failed. <see cref="Retryable"/> is what the <c>result</c> frame says: true for
/// 429, 408, 5xx, timeouts and network failures (trying again later may work), false for other 4xx
/// (the same request will fail again; three in a row open the session's circuit on the node).
/// </summary>
internal sealed class ChatCompletionException : Exception
{
    public ChatCompletionException(bool retryable, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Retryable = retryable;
    }

    public ChatCompletionException()
        : this(retryable: false, "the model call failed")
    {
    }

    public ChatCompletionException(string message)
        : this(retryable: false, message)
    {
    }

    public ChatCompletionException(string message, Exception innerException)
        : this(retryable: false, message, innerException)
    {
    }

    public bool Retryable { get; }
}
