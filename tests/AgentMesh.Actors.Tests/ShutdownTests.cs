using AgentMesh.Actors.Shutdown;
using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Terminate_StopsTheWholeTree_ChildrenBeforeParents_AndRunsPhasesInOrder()
    {
        await using var kit = new ActorTestKit();
        var probe = kit.CreateProbe();
        var order = new List<string>();
        kit.System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "second", _ =>
        {
            lock (order)
            {
                order.Add("service-stop");
            }

            return Task.CompletedTask;
        });
        kit.System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", _ =>
        {
            lock (order)
            {
                order.Add("before-service-unbind");
            }

            return Task.CompletedTask;
        });
        var parent = kit.Spawn(Props.Create(() => new TreeActor(probe, "parent", depth: 2)));
        await probe.ReceiveNAsync<string>(3);

        var report = await kit.System.TerminateAsync("test").WaitAsync(TimeSpan.FromSeconds(10));

        report.Completed.Should().BeTrue();
        order.Should().Equal("before-service-unbind", "service-stop");
        (await probe.ReceiveNAsync<string>(3)).Should().Equal("parent/0/0:stopped", "parent/0:stopped", "parent:stopped");
        kit.System.WhenTerminated.IsCompleted.Should().BeTrue();
        parent.Tell("after shutdown");
        kit.System.DeadLetterCount.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Terminate_WithAStuckActor_TimesOutAndReportsWhichActorDidNotStop()
    {
        var clock = new ManualTimeProvider();
        var system = ActorSystem.Create("stuck", ActorSystemOptions.Default with
        {
            TimeProvider = clock,
            ShutdownTimeProvider = clock,
            ShutdownPhaseTimeout = TimeSpan.FromSeconds(10),
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new TestProbe(system);
        var stuck = system.Spawn(Props.Create(() => new StuckActor(gate.Task, probe)), "stuck");
        stuck.Tell("block");
        await probe.ExpectMsgAsync("blocked");

        var healthy = system.Spawn(Props.Create(() => new EchoActor(probe)), "healthy-watched");
        probe.Watch(healthy);

        var terminate = system.TerminateAsync("test");
        await probe.ExpectTerminatedAsync(healthy);
        await clock.WhenActiveTimersAtLeast(1).WaitAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(10));
        var report = await terminate.WaitAsync(TimeSpan.FromSeconds(10));

        report.Completed.Should().BeFalse();
        report.TimedOutPhases.Should().Equal(CoordinatedShutdown.PhaseActorSystemTerminate);
        report.ActorsNotStopped.Should().Contain("/user/stuck").And.NotContain("/user/healthy-watched");

        gate.SetResult();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Terminate_ReportsAFailedShutdownTask_AndStillStopsTheActors()
    {
        await using var kit = new ActorTestKit();
        kit.System.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "broken", _ => throw new InvalidOperationException("broken task"));

        var report = await kit.System.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(10));

        report.FailedTasks.Should().Equal("service-stop/broken");
        report.ActorsNotStopped.Should().BeEmpty();
        kit.System.WhenTerminated.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task Terminate_IsIdempotent()
    {
        await using var kit = new ActorTestKit();

        var first = kit.System.TerminateAsync("one");
        var second = kit.System.TerminateAsync("two");

        second.Should().BeSameAs(first);
        (await first.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be("one");
    }

    [Fact]
    public void AddTask_RejectsAnUnknownPhase_WithTheKnownOnes()
    {
        var system = ActorSystem.Create("phases");

        var add = () => system.CoordinatedShutdown.AddTask("no-such-phase", "x", _ => Task.CompletedTask);

        add.Should().Throw<ArgumentException>().WithMessage("*no-such-phase*service-unbind*");
    }

    private sealed class TreeActor(IActorRef probe, string name, int depth) : Actor
    {
        protected override void PreStart()
        {
            probe.Tell($"{name}:started");
            if (depth > 0)
            {
                Context.Spawn(Props.Create(() => new TreeActor(probe, $"{name}/0", depth - 1)));
            }
        }

        protected override void PostStop() => probe.Tell($"{name}:stopped");

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class StuckActor(Task gate, IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            probe.Tell("blocked");
            gate.Wait(TimeSpan.FromSeconds(30));
        }
    }
}
