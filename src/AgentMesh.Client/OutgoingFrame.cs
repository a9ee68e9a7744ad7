namespace AgentMesh.Client;

/// <summary>
/// A frame queued for a connection's writer. A posted frame reports when it is written; a <c>send</c>
/// frame reports through its <see cref="PendingSend"/> only if writing fails, and is skipped when its
/// answer is already settled (timed out, cancelled, the client stopped). A frame withdrawn by its
/// caller's token before the writer reaches it is never written.
/// </summary>
internal sealed class OutgoingFrame
{
    private const int Queued = 0;
    private const int Writing = 1;
    private const int Withdrawn = 2;

    private readonly TaskCompletionSource? _written;
    private CancellationTokenRegistration _withdrawal;
    private int _state;

    private OutgoingFrame(ReadOnlyMemory<byte> utf8, PendingSend? send, TaskCompletionSource? written)
    {
        Utf8 = utf8;
        Send = send;
        _written = written;
    }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public PendingSend? Send { get; }

    /// <summary>Completes when the frame is written; fails with the write's error; cancelled when withdrawn.</summary>
    public Task Written => _written?.Task ?? Task.CompletedTask;

    public static OutgoingFrame Posted(ReadOnlyMemory<byte> utf8) =>
        new(utf8, null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static OutgoingFrame ForSend(ReadOnlyMemory<byte> utf8, PendingSend send) => new(utf8, send, null);

    /// <summary>Lets <paramref name="cancellationToken"/> withdraw the frame until the writer takes it.</summary>
    public void WithdrawOn(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _withdrawal = cancellationToken.UnsafeRegister(
                static (state, token) => ((OutgoingFrame)state!).Withdraw(token), this);
        }
    }

    /// <summary>The writer takes the frame; false when it was withdrawn or its send is already settled.</summary>
    public bool TryStart() =>
        Send is not { Answer.IsCompleted: true } && Interlocked.CompareExchange(ref _state, Writing, Queued) == Queued;

    public void Succeed()
    {
        _withdrawal.Dispose();
        _written?.TrySetResult();
    }

    public void Fail(Exception error)
    {
        _withdrawal.Dispose();
        _written?.TrySetException(error);
        Send?.TryFail(new AgentLinkConnectionLostException(
            $"The agent link dropped while send '{Send.Ref}' was being written; whether the node got it is unknown.", error));
    }

    private void Withdraw(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
        {
            _written?.TrySetCanceled(cancellationToken);
        }
    }
}
