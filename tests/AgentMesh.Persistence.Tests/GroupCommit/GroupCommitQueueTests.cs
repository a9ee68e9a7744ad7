using AgentMesh.Persistence.GroupCommit;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests.GroupCommit;

public class GroupCommitQueueTests
{
    private readonly GroupCommitQueue<Request> _queue = new(maxGroupWeight: 10, storeName: "test store");

    [Fact]
    public async Task TakeGroup_TakesThePendingRequestsInOrder_UpToTheWeightLimit()
    {
        var requests = new[] { new Request(4), new Request(4), new Request(2), new Request(1) };
        foreach (var request in requests)
        {
            _ = _queue.EnqueueAsync(request, CancellationToken.None);
        }

        var first = await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout);
        var second = await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout);

        first.Should().Equal(requests[0], requests[1], requests[2]);
        second.Should().Equal(requests[3]);
        _queue.Groups.Should().Be(2);
        _queue.Requests.Should().Be(4);
    }

    [Fact]
    public async Task TakeGroup_GivesARequestHeavierThanTheLimit_AGroupOfItsOwn()
    {
        var heavy = new Request(25);
        var light = new Request(1);
        _ = _queue.EnqueueAsync(heavy, CancellationToken.None);
        _ = _queue.EnqueueAsync(light, CancellationToken.None);

        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().Equal(heavy);
        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().Equal(light);
    }

    [Fact]
    public async Task TakeGroup_WaitsForTheFirstRequest()
    {
        var take = _queue.TakeGroupAsync(CancellationToken.None).AsTask();
        take.IsCompleted.Should().BeFalse();

        var request = new Request(1);
        _ = _queue.EnqueueAsync(request, CancellationToken.None);

        (await take.WaitAsync(TestTimeout)).Should().Equal(request);
    }

    [Fact]
    public async Task Request_CancelledWhileQueued_IsCancelled_AndNeverTaken()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelled = new Request(1);
        var kept = new Request(1);
        var cancelledTask = _queue.EnqueueAsync(cancelled, cancellation.Token);
        _ = _queue.EnqueueAsync(kept, CancellationToken.None);

        await cancellation.CancelAsync();

        await cancelledTask.Invoking(task => task.WaitAsync(TestTimeout)).Should().ThrowAsync<OperationCanceledException>();
        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().Equal(kept);
        cancelled.TryTake().Should().BeFalse();
    }

    [Fact]
    public async Task Request_TakenByTheWriter_IgnoresLaterCancellation_AndReportsTheRealOutcome()
    {
        using var cancellation = new CancellationTokenSource();
        var request = new Request(1);
        var task = _queue.EnqueueAsync(request, cancellation.Token);
        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().Equal(request);

        await cancellation.CancelAsync();
        request.Succeed();

        await task.WaitAsync(TestTimeout);
        task.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Complete_LetsTheWriterDrainWhatIsQueued_ThenRefusesNewRequests()
    {
        var queued = new Request(1);
        _ = _queue.EnqueueAsync(queued, CancellationToken.None);

        _queue.Complete();

        var refused = () => _queue.EnqueueAsync(new Request(1), CancellationToken.None).WaitAsync(TestTimeout);
        await refused.Should().ThrowAsync<ObjectDisposedException>().WithMessage("*test store*");
        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().Equal(queued);
        (await _queue.TakeGroupAsync(CancellationToken.None).AsTask().WaitAsync(TestTimeout)).Should().BeEmpty();
    }

    [Fact]
    public async Task Pause_HoldsTheWriter_UntilReleased_ThenEverythingQueuedIsOneGroup()
    {
        var take = default(Task<List<Request>>);
        var requests = new[] { new Request(1), new Request(1), new Request(1) };
        using (_queue.Pause())
        {
            take = _queue.TakeGroupAsync(CancellationToken.None).AsTask();
            foreach (var request in requests)
            {
                _ = _queue.EnqueueAsync(request, CancellationToken.None);
            }

            take.IsCompleted.Should().BeFalse();
        }

        (await take.WaitAsync(TestTimeout)).Should().Equal(requests);
    }

    private sealed class Request(int weight) : WriteRequest
    {
        public override int Weight => weight;
    }
}
