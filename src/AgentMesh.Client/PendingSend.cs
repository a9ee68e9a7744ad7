namespace AgentMesh.Client;

/// <summary>
/// A <c>send</c> waiting for its <c>sent</c> or <c>rejected</c>. Completed by the receive loop, or
/// failed when its connection drops, its time runs out or the client stops; continuations never run
/// on the receive loop.
/// </summary>
internal sealed class PendingSend(string @ref, string to)
{
    private readonly TaskCompletionSource<SendResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Ref { get; } = @ref;

    public string To { get; } = to;

    public Task<SendResult> Answer => _answer.Task;

    public bool TryComplete(SendResult result) => _answer.TrySetResult(result);

    public bool TryFail(Exception error) => _answer.TrySetException(error);

    public bool TryCancel(CancellationToken cancellationToken) => _answer.TrySetCanceled(cancellationToken);

    public bool TryTimeOut(TimeSpan timeout) => _answer.TrySetException(new TimeoutException(
        $"No answer to send '{Ref}' to '{To}' within {timeout}; whether the node accepted it is unknown."));
}
