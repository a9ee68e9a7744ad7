using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class TimerTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task SingleTimer_FiresOnce_WhenTheClockReachesItsDelay()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(10)));
        await probe.ExpectMsgAsync("armed");

        _kit.Clock.Advance(TimeSpan.FromSeconds(9));
        await probe.ExpectNoMsgAsync();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("tick");
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task PeriodicTimer_FiresOncePerInterval()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromMinutes(10)));
        await probe.ExpectMsgAsync("armed");

        _kit.Clock.Advance(TimeSpan.FromMinutes(45));

        (await probe.ReceiveNAsync<string>(4)).Should().AllBe("tick");
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task CancelledTimer_NeverDelivers_EvenWhenItsTickIsAlreadyQueued()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("armed");

        // The actor is busy in a handler when the timer fires, so the tick queues up; the same
        // handler then cancels the timer, before the tick is dequeued.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new BlockThenCancel(gate.Task, "k"));
        await probe.ExpectMsgAsync("blocked");
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        gate.SetResult();

        await probe.ExpectMsgAsync("cancelled");
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task StartingATimerWithAKeyInUse_ReplacesIt()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartSingle("k", "first", TimeSpan.FromSeconds(5)));
        actor.Tell(new StartSingle("k", "second", TimeSpan.FromSeconds(10)));
        await probe.ExpectMsgAsync("armed");
        await probe.ExpectMsgAsync("armed");

        _kit.Clock.Advance(TimeSpan.FromSeconds(10));

        await probe.ExpectMsgAsync("second");
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Timers_AreCancelled_OnRestart()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("armed");

        actor.Tell("crash");
        await probe.ExpectMsgAsync("restarted");
        _kit.Clock.Advance(TimeSpan.FromSeconds(10));

        await probe.ExpectNoMsgAsync();
        _kit.Clock.ActiveTimerCount.Should().Be(0);
    }

    [Fact]
    public async Task Timers_AreCancelled_OnStop()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new StartPeriodic("k", "tick", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("armed");
        probe.Watch(actor);

        _kit.System.Stop(actor);
        await probe.ExpectTerminatedAsync(actor);

        _kit.Clock.ActiveTimerCount.Should().Be(0);
    }

    [Fact]
    public async Task ReceiveTimeout_FiresAfterIdleTime_AndIsResetByMessages()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new SetIdle(TimeSpan.FromMinutes(30)));
        await probe.ExpectMsgAsync("armed");

        _kit.Clock.Advance(TimeSpan.FromMinutes(20));
        actor.Tell("ping");
        await probe.ExpectMsgAsync("ping");
        _kit.Clock.Advance(TimeSpan.FromMinutes(20));
        await probe.ExpectNoMsgAsync();
        _kit.Clock.Advance(TimeSpan.FromMinutes(10));

        await probe.ExpectMsgAsync<ReceiveTimeout>();
    }

    [Fact]
    public async Task ReceiveTimeout_IsNotReset_ByMessagesThatDoNotInfluenceIt()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new TimerActor(probe)));
        actor.Tell(new SetIdle(TimeSpan.FromMinutes(30)));
        await probe.ExpectMsgAsync("armed");

        _kit.Clock.Advance(TimeSpan.FromMinutes(20));
        actor.Tell(new Heartbeat());
        await probe.ExpectMsgAsync<Heartbeat>();
        _kit.Clock.Advance(TimeSpan.FromMinutes(10));

        await probe.ExpectMsgAsync<ReceiveTimeout>();
    }

    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

    private sealed record SetIdle(TimeSpan Timeout);

    private sealed record BlockThenCancel(Task Gate, string Key);

    private sealed record Heartbeat : INotInfluenceReceiveTimeout;

    private sealed class TimerActor(IActorRef probe) : Actor
    {
        protected override void PostRestart(Exception reason) => probe.Tell("restarted");

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case StartSingle single:
                    Context.Timers.StartSingleTimer(single.Key, single.Message, single.Delay);
                    probe.Tell("armed");
                    break;
                case StartPeriodic periodic:
                    Context.Timers.StartPeriodicTimer(periodic.Key, periodic.Message, periodic.Interval);
                    probe.Tell("armed");
                    break;
                case SetIdle idle:
                    Context.SetReceiveTimeout(idle.Timeout);
                    probe.Tell("armed");
                    break;
                case BlockThenCancel block:
                    probe.Tell("blocked");
                    block.Gate.Wait(TimeSpan.FromSeconds(10));
                    Context.Timers.Cancel(block.Key);
                    probe.Tell("cancelled");
                    break;
                case "crash":
                    throw new InvalidOperationException("crash");
                default:
                    probe.Tell(message);
                    break;
            }
        }
    }
}
