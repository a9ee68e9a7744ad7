namespace AgentMesh.Cli.Agent;

/// <summary>The one model call the worker is making, so that the frame loop can interrupt it.</summary>
internal sealed class InFlightCall(string sessionId, CancellationToken hostStopping) : IDisposable
{
    private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
    private volatile InterruptReason _reason;

    public string SessionId { get; } = sessionId;

    public CancellationToken Token => _cancel.Token;

    /// <summary>Why it was interrupted; <see cref="InterruptReason.None"/> when it was not.</summary>
    public InterruptReason Reason => _reason;

    public void Interrupt(InterruptReason reason)
    {
        _reason = reason;
        _cancel.Cancel();
    }

    public void Dispose() => _cancel.Dispose();
}
