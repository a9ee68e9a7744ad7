using System.Threading.Channels;

namespace AgentMesh.Persistence.GroupCommit;

/// <summary>
/// The queue between many concurrent callers and the writer loop(s) of a store: callers enqueue
/// requests and await them; a writer takes everything pending (up to a size limit) as one group and
/// commits it in one transaction. The longer a commit takes, the larger the next group grows, so
/// the cost of a durable commit is shared by all callers that arrived meanwhile.
/// </summary>
internal sealed class GroupCommitQueue<TRequest>
    where TRequest : WriteRequest
{
    private readonly Channel<TRequest> _channel;

    // Only the holder drains the channel, so the request seen by TryPeek is the one TryRead returns;
    // _lastGroupSize is read and written only by the holder.
    private readonly SemaphoreSlim _drain = new(1, 1);
    private readonly int _maxGroupWeight;
    private readonly string _storeName;
    private volatile TaskCompletionSource? _pause;
    private int _lastGroupSize;
    private long _groups;
    private long _requests;

    /// <param name="maxGroupWeight">The most entries a group holds (unless one request alone is heavier).</param>
    /// <param name="storeName">Names the store in <see cref="ObjectDisposedException"/>s.</param>
    /// <param name="wakeWriterInline">
    /// When true, the enqueue that wakes an idle writer runs the writer on the enqueuing thread up
    /// to the writer's first asynchronous wait, which saves a thread-pool hop per sequential write.
    /// Only for writers whose synchronous part is short and never blocks (PostgreSQL: build and
    /// send the statement); a writer that blocks in I/O must be woken on the pool instead.
    /// </param>
    public GroupCommitQueue(int maxGroupWeight, string storeName, bool wakeWriterInline = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroupWeight, 1);
        _maxGroupWeight = maxGroupWeight;
        _storeName = storeName;
        _channel = Channel.CreateUnbounded<TRequest>(new UnboundedChannelOptions
        {
            SingleReader = false,
            SingleWriter = false,
            AllowSynchronousContinuations = wakeWriterInline,
        });
    }

    /// <summary>Groups taken so far (for tests and benchmarks).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>Requests taken so far (for tests and benchmarks).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Hands <paramref name="request"/> to the writer and returns the task that reports its outcome.</summary>
    public Task EnqueueAsync(TRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        request.RegisterCancellation(cancellationToken);
        if (!_channel.Writer.TryWrite(request))
        {
            // TryTake cannot fail here unless the token fired meanwhile, and then the task is already cancelled.
            if (request.TryTake())
            {
                request.Fail(new ObjectDisposedException(_storeName));
            }
        }

        return request.Completion;
    }

    /// <summary>
    /// Waits for at least one request, then takes the pending ones in arrival order until the next
    /// would push the group past the weight limit (a single request heavier than the limit forms a
    /// group of its own). Returns an empty group once the queue is completed and drained.
    /// </summary>
    public async ValueTask<List<TRequest>> TakeGroupAsync(CancellationToken cancellationToken)
    {
        await _drain.WaitAsync(cancellationToken);
        try
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                if (_pause is { } pause)
                {
                    await pause.Task.WaitAsync(cancellationToken);
                }

                if (_lastGroupSize > 1)
                {
                    // The callers of the last group are still being resumed (their continuations sit
                    // in the thread pool's local queues, which run before its global queue). Yielding
                    // to the global queue lets them enqueue their next writes first, so the next group
                    // is whole instead of starting with the first caller back. A lone sequential
                    // writer (groups of one) never pays for the extra hop.
                    await Task.Yield();
                }

                if (TryTakeGroup(reader) is { } group)
                {
                    return group;
                }
            }

            return [];
        }
        finally
        {
            _drain.Release();
        }
    }

    /// <summary>
    /// <see cref="TakeGroupAsync"/> for a writer on a thread of its own: the thread blocks while the
    /// queue is empty, and instead of a hop through the thread pool it yields its core once so that
    /// the last group's callers can enqueue their next writes.
    /// </summary>
    public List<TRequest> TakeGroup()
    {
        _drain.Wait();
        try
        {
            var reader = _channel.Reader;
            while (true)
            {
                if (!reader.TryPeek(out _) && !reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return [];
                }

                _pause?.Task.GetAwaiter().GetResult();
                if (_lastGroupSize > 1)
                {
                    Thread.Yield();
                }

                if (TryTakeGroup(reader) is { } group)
                {
                    return group;
                }
            }
        }
        finally
        {
            _drain.Release();
        }
    }

    /// <summary>Refuses further requests; the writers still drain the pending ones.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>
    /// Takes the pending requests in arrival order until the next would push the group past the weight
    /// limit; null when every pending one was cancelled meanwhile. Only the holder of the drain calls it.
    /// </summary>
    private List<TRequest>? TryTakeGroup(ChannelReader<TRequest> reader)
    {
        var group = new List<TRequest>();
        var weight = 0;
        while (reader.TryPeek(out var next) && (group.Count == 0 || weight + next.Weight <= _maxGroupWeight))
        {
            reader.TryRead(out _);
            if (next.TryTake())
            {
                group.Add(next);
                weight += next.Weight;
            }
        }

        _lastGroupSize = group.Count;
        if (group.Count == 0)
        {
            return null;
        }

        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _requests, group.Count);
        return group;
    }

    /// <summary>
    /// Holds the writers before they take their next group until the returned handle is disposed,
    /// so that a test can queue many requests and observe them committed as one group.
    /// </summary>
    public IDisposable Pause()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pause = gate;
        return new Resume(this, gate);
    }

    private sealed class Resume(GroupCommitQueue<TRequest> queue, TaskCompletionSource gate) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.CompareExchange(ref queue._pause, null, gate);
            gate.TrySetResult();
        }
    }
}
