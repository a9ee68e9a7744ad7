namespace AgentMesh.Persistence.GroupCommit;

/// <summary>
/// One caller's unit of work waiting for a group-commit writer, and the task the caller awaits.
/// </summary>
/// <remarks>
/// Ownership passes exactly once, decided by a compare-and-swap on <see cref="_state"/>: either the
/// writer takes the request (from then on cancellation is ignored and the caller gets the real
/// outcome) or the caller's token cancels it first (and the writer skips it). That is what lets
/// <see cref="IEventJournal.AppendAsync"/> promise that a cancelled append wrote nothing.
/// </remarks>
internal abstract class WriteRequest
{
    private const int Pending = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _cancellation;
    private int _state;

    /// <summary>How many journal entries the request writes; group size limits count these.</summary>
    public abstract int Weight { get; }

    public Task Completion => _completion.Task;

    /// <summary>Arms cancellation; called once, before the request becomes visible to the writer.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((WriteRequest)state!).TryCancel(token), this);
        }
    }

    /// <summary>Claims the request for the writer; false when the caller cancelled it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Pending) == Pending;

    public void Succeed()
    {
        _cancellation.Unregister();
        _completion.TrySetResult();
    }

    public void Fail(Exception exception)
    {
        _cancellation.Unregister();
        _completion.TrySetException(exception);
    }

    private void TryCancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Pending) == Pending)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
