namespace AgentMesh.Benchmarks;

/// <summary>Completes a task once it has been signalled a given number of times, from any threads.</summary>
internal sealed class CountdownSignal(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;

    public Task Task => _done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
