namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>result</c>: the outcome of handling one delivered message. Three consecutive
/// <see cref="ResultStatus.Failed"/> results with <see cref="Retryable"/> false open the session's
/// circuit on the node.
/// </summary>
public sealed record ResultFrame : AgentFrame
{
    public ResultFrame(string sessionId, long messageId, ResultStatus status, bool retryable = false, string? error = null)
    {
        SessionId = sessionId;
        MessageId = messageId;
        Status = status;
        Retryable = retryable;
        Error = error;
    }

    public string SessionId { get; init => field = LinkText.Required(value, "A session id", "sessionId"); }

    public long MessageId { get; init => field = LinkText.NotNegative(value, "A message id", "messageId"); }

    public ResultStatus Status
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException("status", value, "A result status must be Ok or Failed.");
    }

    public bool Retryable { get; init; }

    public string? Error { get; init; }
}
