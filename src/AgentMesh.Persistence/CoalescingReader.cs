using System.Threading.Channels;

namespace AgentMesh.Persistence;

/// <summary>
/// Serves many concurrent reads of the same kind with few queries: calls queue up, and each of a
/// few reader loops takes every call waiting (up to <c>maxBatch</c>) and answers them all with one
/// query. A call that finds a loop idle is read at once, so a lone read costs one round trip as
/// before; ten thousand entities recovering together cost tens.
/// </summary>
/// <remarks>
/// The batch function must answer one result per request, in request order. A failed query fails
/// every call of its batch with the same exception. A caller's cancellation abandons its wait; a
/// request already in a running query is read anyway and its result dropped.
/// </remarks>
internal sealed class CoalescingReader<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<Call> _calls = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> _readBatch;
    private readonly int _maxBatch;
    private readonly Task[] _loops;
    private readonly string _what;

    public CoalescingReader(
        string what,
        Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult>>> readBatch,
        int loops,
        int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loops, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _what = what;
        _readBatch = readBatch;
        _maxBatch = maxBatch;
        _loops = [.. Enumerable.Range(0, loops).Select(_ => Task.Run(RunAsync))];
    }

    public Task<TResult> ReadAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        var call = new Call(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_calls.Writer.TryWrite(call))
        {
            return Task.FromException<TResult>(new ObjectDisposedException(_what, "The store is closed."));
        }

        return cancellationToken.CanBeCanceled ? call.Result.Task.WaitAsync(cancellationToken) : call.Result.Task;
    }

    /// <summary>Takes no more calls, answers the ones queued, and waits for the loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _calls.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Call>(_maxBatch);
        var requests = new List<TRequest>(_maxBatch);
        while (await _calls.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            requests.Clear();
            while (batch.Count < _maxBatch && _calls.Reader.TryRead(out var call))
            {
                if (call.Cancellation.IsCancellationRequested)
                {
                    call.Result.TrySetCanceled(call.Cancellation);
                    continue;
                }

                batch.Add(call);
                requests.Add(call.Request);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var results = await _readBatch(requests, CancellationToken.None).ConfigureAwait(false);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"{_what}: a batch of {batch.Count} reads answered {results.Count} results.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var call in batch)
                {
                    call.Result.TrySetException(ex);
                }
            }
        }
    }

    private sealed record Call(TRequest Request, TaskCompletionSource<TResult> Result, CancellationToken Cancellation);
}
