using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class DeathWatchTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Terminated_IsDeliveredExactlyOnce_WhenAWatchedActorStops()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        var watcher = _kit.Spawn(Props.Create(() => new WatcherActor(probe)));
        watcher.Tell(new WatchIt(target));
        watcher.Tell(new WatchIt(target));
        await probe.ExpectMsgAsync("watching");
        await probe.ExpectMsgAsync("watching");

        _kit.System.Stop(target);

        var terminated = await probe.ExpectMsgAsync<Terminated>();
        terminated.Actor.Should().BeSameAs(target);
        terminated.ExistenceConfirmed.Should().BeTrue();
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Terminated_IsDelivered_WhenWatchingAnAlreadyDeadActor()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        probe.Watch(target);
        _kit.System.Stop(target);
        await probe.ExpectTerminatedAsync(target);

        var watcher = _kit.Spawn(Props.Create(() => new WatcherActor(probe)));
        watcher.Tell(new WatchIt(target));

        await probe.ExpectMsgAsync("watching");
        (await probe.ExpectMsgAsync<Terminated>()).Actor.Should().BeSameAs(target);
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Unwatch_PreventsTerminated_EvenIfTheActorStopsRightAfter()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        var watcher = _kit.Spawn(Props.Create(() => new WatcherActor(probe)));
        watcher.Tell(new WatchIt(target));
        await probe.ExpectMsgAsync("watching");

        watcher.Tell(new UnwatchIt(target));
        await probe.ExpectMsgAsync("unwatched");
        _kit.System.Stop(target);

        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Terminated_ComesAfterEveryMessageTheDeadActorSent()
    {
        var probe = _kit.CreateProbe();
        var watcher = _kit.Spawn(Props.Create(() => new WatcherActor(probe)));
        var chatty = _kit.Spawn(Props.Create(() => new ChattyActor(watcher)));
        watcher.Tell(new WatchIt(chatty));
        await probe.ExpectMsgAsync("watching");

        chatty.Tell("go");

        var received = await probe.ReceiveNAsync<object>(101);
        received.Take(100).Should().AllBeOfType<int>();
        received[100].Should().BeOfType<Terminated>();
    }

    [Fact]
    public async Task ManyWatchersRacingWithStop_EachGetExactlyOneTerminated()
    {
        for (var round = 0; round < 20; round++)
        {
            var probes = Enumerable.Range(0, 8).Select(_ => _kit.CreateProbe()).ToArray();
            var target = _kit.Spawn(Props.Create(() => new EchoActor(probes[0])));
            var watches = probes.Select(p => Task.Run(() => p.Watch(target))).ToArray();
            _kit.System.Stop(target);
            await Task.WhenAll(watches).WaitAsync(TimeSpan.FromSeconds(5));

            foreach (var probe in probes)
            {
                await probe.ExpectTerminatedAsync(target);
            }

            foreach (var probe in probes)
            {
                await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    [Fact]
    public async Task UnhandledTerminated_FailsTheWatcher_WithDeathPactException()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        var watcher = _kit.Spawn(Props.Create(() => new IgnoringWatcher(target, probe)));
        await probe.ExpectMsgAsync("watching");
        probe.Watch(watcher);

        _kit.System.Stop(target);

        // The default decider stops an actor that broke its death pact.
        await probe.ExpectTerminatedAsync(watcher);
    }

    private sealed record WatchIt(IActorRef Target);

    private sealed record UnwatchIt(IActorRef Target);

    private sealed class WatcherActor(IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case WatchIt watch:
                    Context.Watch(watch.Target);
                    probe.Tell("watching");
                    break;
                case UnwatchIt unwatch:
                    Context.Unwatch(unwatch.Target);
                    probe.Tell("unwatched");
                    break;
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }

    private sealed class ChattyActor(IActorRef target) : Actor
    {
        protected override void OnReceive(object message)
        {
            for (var i = 0; i < 100; i++)
            {
                target.Tell(i);
            }

            Context.Stop(Self);
        }
    }

    private sealed class IgnoringWatcher(IActorRef target, IActorRef probe) : Actor
    {
        protected override void PreStart()
        {
            Context.Watch(target);
            probe.Tell("watching");
        }

        protected override void OnReceive(object message) => Unhandled(message);
    }
}
