using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class MailboxTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Messages_FromEightConcurrentSenders_AllArriveInPerSenderOrder()
    {
        const int senders = 8;
        const int perSender = 125_000;
        var probe = _kit.CreateProbe();
        var counter = _kit.Spawn(Props.Create(() => new OrderCheckingActor(senders, perSender, probe)));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            await start.Task;
            for (var i = 0; i < perSender; i++)
            {
                counter.Tell(new Numbered(sender, i));
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        var result = await probe.ExpectMsgAsync<OrderResult>(TimeSpan.FromSeconds(60));
        result.Received.Should().Be(senders * perSender);
        result.OutOfOrder.Should().Be(0);
        result.MaxConcurrency.Should().Be(1, "an actor processes one message at a time, always");
    }

    [Fact]
    public async Task Actor_ProcessesOneMessageAtATime_WhileManyThreadsTell()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new OrderCheckingActor(4, 10_000, probe)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                actor.Tell(new Numbered(s, i));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        var result = await probe.ExpectMsgAsync<OrderResult>(TimeSpan.FromSeconds(30));
        result.MaxConcurrency.Should().Be(1);
    }

    [Fact]
    public async Task Stop_IsProcessedBeforeQueuedUserMessages_WhichGoToDeadLetters()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = _kit.CreateProbe();
        var deadLetters = _kit.CreateProbe();
        _kit.System.EventStream.Subscribe<DeadLetter>(deadLetters);
        var actor = _kit.Spawn(Props.Create(() => new GatedActor(gate.Task, probe)));
        probe.Watch(actor);

        actor.Tell("block");
        await probe.ExpectMsgAsync("blocking");
        for (var i = 0; i < 5; i++)
        {
            actor.Tell($"queued-{i}");
        }

        _kit.System.Stop(actor);
        gate.SetResult();

        await probe.ExpectTerminatedAsync(actor);
        var letters = await deadLetters.ReceiveNAsync<DeadLetter>(5);
        letters.Select(l => l.Message).Should().Equal("queued-0", "queued-1", "queued-2", "queued-3", "queued-4");
    }

    [Fact]
    public async Task ThroughputOfOne_StillDeliversEveryQueuedMessage_InOrder_OneTurnEach()
    {
        // A turn that stops after one message must reschedule itself while its queue is not empty.
        var probe = _kit.CreateProbe();
        var props = Props.Create(() => new EchoActor(probe)) with { Mailbox = new MailboxOptions { Throughput = 1 } };
        var actor = _kit.Spawn(props);
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(i);
        }

        var received = await probe.ReceiveNAsync<int>(100);
        received.Should().Equal(Enumerable.Range(0, 100));
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record OrderResult(int Received, int OutOfOrder, int MaxConcurrency);

    private sealed class OrderCheckingActor(int senders, int perSender, IActorRef report) : Actor
    {
        private readonly int[] _next = new int[senders];
        private int _received;
        private int _outOfOrder;
        private int _inside;
        private int _maxConcurrency;

        protected override void OnReceive(object message)
        {
            var inside = Interlocked.Increment(ref _inside);
            _maxConcurrency = Math.Max(_maxConcurrency, inside);
            var numbered = (Numbered)message;
            if (_next[numbered.Sender] != numbered.Sequence)
            {
                _outOfOrder++;
            }

            _next[numbered.Sender] = numbered.Sequence + 1;
            if (++_received == senders * perSender)
            {
                report.Tell(new OrderResult(_received, _outOfOrder, _maxConcurrency));
            }

            Interlocked.Decrement(ref _inside);
        }
    }

    private sealed class GatedActor(Task gate, IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is "block")
            {
                probe.Tell("blocking");
                gate.Wait(TimeSpan.FromSeconds(10));
            }
        }
    }
}
