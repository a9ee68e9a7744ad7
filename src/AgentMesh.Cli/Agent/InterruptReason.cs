namespace AgentMesh.Cli.Agent;

/// <summary>Why a model call in flight was cancelled by the node's word.</summary>
internal enum InterruptReason
{
    None,

    /// <summary><c>stop-session</c>: the conversation is dropped and the message gets no result.</summary>
    SessionStopped,

    /// <summary><c>suspended</c>: the message is reported failed and retryable, to run again after <c>resumed</c>.</summary>
    Suspended,
}
