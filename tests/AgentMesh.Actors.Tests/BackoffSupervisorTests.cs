using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.Supervision;
using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class BackoffSupervisorTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public void DelayFor_GrowsExponentially_IsCapped_AndJitterStaysWithinTheFactor()
    {
        var options = new BackoffOptions(Props.Create(() => new CrashingActor(Nobody.Instance)), "child")
        {
            MinBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(30),
            RandomFactor = 0.2,
            Random = new Random(42),
        };

        for (var n = 0; n < 10; n++)
        {
            var expected = Math.Min(30, Math.Pow(2, n));
            var delay = options.DelayFor(n).TotalSeconds;
            delay.Should().BeGreaterThanOrEqualTo(expected).And.BeLessThan(expected * 1.2 + 1e-9);
        }

        var noJitter = options with { RandomFactor = 0 };
        noJitter.DelayFor(0).Should().Be(TimeSpan.FromSeconds(1));
        noJitter.DelayFor(3).Should().Be(TimeSpan.FromSeconds(8));
        noJitter.DelayFor(20).Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task FailingChild_IsRestartedAfterGrowingDelays_NotInATightLoop()
    {
        var probe = _kit.CreateProbe();
        var supervisor = _kit.Spawn(BackoffSupervisor.Props(Options(probe)));
        await probe.ExpectMsgAsync("started");

        // Restart n waits 1 s · 2^n (no jitter); the child crashes on its first message.
        for (var n = 0; n < 4; n++)
        {
            supervisor.Tell("crash");
            await WaitUntilRestartScheduled(supervisor, n + 1);
            var delay = TimeSpan.FromSeconds(Math.Pow(2, n));
            _kit.Clock.Advance(delay - TimeSpan.FromMilliseconds(1));
            await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
            _kit.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await probe.ExpectMsgAsync("started");
        }
    }

    [Fact]
    public async Task RestartCount_Resets_AfterTheChildHasBeenStableForResetAfter()
    {
        var probe = _kit.CreateProbe();
        var supervisor = _kit.Spawn(BackoffSupervisor.Props(Options(probe) with { ResetAfter = TimeSpan.FromMinutes(1) }));
        await probe.ExpectMsgAsync("started");
        supervisor.Tell("crash");
        await WaitUntilRestartScheduled(supervisor, 1);
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("started");
        supervisor.Tell("crash");
        await WaitUntilRestartScheduled(supervisor, 2);
        _kit.Clock.Advance(TimeSpan.FromSeconds(2));
        await probe.ExpectMsgAsync("started");

        _kit.Clock.Advance(TimeSpan.FromMinutes(1));

        await AwaitRestartCount(supervisor, 0);
    }

    [Fact]
    public async Task OnFailureMode_DoesNotRestartAChildThatStoppedItself_AndStopsToo()
    {
        var probe = _kit.CreateProbe();
        var supervisor = _kit.Spawn(BackoffSupervisor.Props(Options(probe)));
        await probe.ExpectMsgAsync("started");
        probe.Watch(supervisor);

        supervisor.Tell("stop");

        await probe.ExpectTerminatedAsync(supervisor);
    }

    [Fact]
    public async Task OnStopMode_RestartsAChildThatStoppedItself()
    {
        var probe = _kit.CreateProbe();
        var supervisor = _kit.Spawn(BackoffSupervisor.Props(Options(probe) with { Mode = BackoffMode.OnStop }));
        await probe.ExpectMsgAsync("started");

        supervisor.Tell("stop");
        await WaitUntilRestartScheduled(supervisor, 1);
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));

        await probe.ExpectMsgAsync("started");
    }

    [Fact]
    public async Task ChildThatFailsToStart_IsRetriedWithBackoff_UntilMaxRestarts()
    {
        var probe = _kit.CreateProbe();
        var options = new BackoffOptions(Props.Create(() => new FailingStart(probe)), "child")
        {
            MinBackoff = TimeSpan.FromSeconds(1),
            RandomFactor = 0,
            MaxRestarts = 2,
        };
        var supervisor = _kit.Spawn(BackoffSupervisor.Props(options));
        probe.Watch(supervisor);
        await probe.ExpectMsgAsync("starting");

        await WaitUntilRestartScheduled(supervisor, 1);
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        await probe.ExpectMsgAsync("starting");
        await WaitUntilRestartScheduled(supervisor, 2);
        _kit.Clock.Advance(TimeSpan.FromSeconds(2));
        await probe.ExpectMsgAsync("starting");

        await probe.ExpectTerminatedAsync(supervisor);
    }

    private static BackoffOptions Options(IActorRef probe) =>
        new(Props.Create(() => new CrashingActor(probe)), "child")
        {
            MinBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromMinutes(1),
            RandomFactor = 0,
            ResetAfter = TimeSpan.FromHours(1),
        };

    private static async Task WaitUntilRestartScheduled(IActorRef supervisor, int count) =>
        await AwaitRestartCount(supervisor, count);

    private static async Task AwaitRestartCount(IActorRef supervisor, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var reply = await supervisor.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, TimeSpan.FromSeconds(5));
            if (reply.Count == count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TestKitAssertionException($"The restart count stayed at {reply.Count}, expected {count}.");
            }

            await Task.Yield();
        }
    }

    private sealed class CrashingActor(IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell("started");

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "crash":
                    throw new InvalidOperationException("crash");
                case "stop":
                    Context.Stop(Self);
                    break;
            }
        }
    }

    private sealed class FailingStart(IActorRef probe) : Actor
    {
        protected override void PreStart()
        {
            probe.Tell("starting");
            throw new InvalidOperationException("the store is down");
        }

        protected override void OnReceive(object message)
        {
        }
    }
}
