using AgentMesh.Actors.Supervision;
using AgentMesh.Actors.TestKit;
using AgentMesh.Actors.Pattern;

namespace AgentMesh.Actors.Tests;

public sealed class SupervisionTests : IAsyncLifetime
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Resume_KeepsStateAndMailbox_AndDropsTheFailedMessage()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(new OneForOneStrategy(decider: _ => Directive.Resume));
        var child = await SpawnChild(parent, probe, "child");

        child.Tell("increment");
        child.Tell("throw");
        child.Tell("increment");
        child.Tell("after");

        await probe.ExpectMsgAsync("after");
        (await child.Ask<int>("state", AskTimeout)).Should().Be(2);
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Restart_MakesAFreshInstance_KeepsTheMailbox_AndCallsRestartHooks()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(SupervisorStrategy.Default);
        var child = await SpawnChild(parent, probe, "child");

        child.Tell("increment");
        child.Tell("throw");
        child.Tell("after-1");
        child.Tell("after-2");

        await probe.ExpectMsgAsync("child:pre-restart:throw");
        await probe.ExpectMsgAsync("child:post-stop");
        await probe.ExpectMsgAsync("child:post-restart");
        await probe.ExpectMsgAsync("child:pre-start");
        await probe.ExpectMsgAsync("after-1");
        await probe.ExpectMsgAsync("after-2");
        (await child.Ask<int>("state", AskTimeout)).Should().Be(0, "a restart starts from fresh state");
    }

    [Fact]
    public async Task Stop_StopsTheFailedChild()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(SupervisorStrategy.StoppingStrategy);
        var child = await SpawnChild(parent, probe, "child");
        probe.Watch(child);

        child.Tell("throw");

        await probe.ExpectMsgAsync("child:post-stop");
        await probe.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task Escalate_FailsTheParent_WhoseSupervisorRestartsIt()
    {
        var probe = _kit.CreateProbe();
        var grandParent = SpawnParent(SupervisorStrategy.Default);
        var parentProps = Props.Create(() => new LifecycleParent(probe, "parent"))
            .WithSupervisorStrategy(new OneForOneStrategy(decider: _ => Directive.Escalate));
        var parent = await grandParent.Ask<IActorRef>(new SpawnRequest(parentProps, "parent"), AskTimeout);
        await probe.ExpectMsgAsync("parent:pre-start");
        var child = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new LifecycleActor(probe, "child")), "child"), AskTimeout);
        await probe.ExpectMsgAsync("child:pre-start");

        child.Tell("throw");

        // The parent restarts; its default PreRestart stops the child first.
        await probe.ExpectMsgAsync("parent:pre-restart");
        await probe.ExpectMsgAsync("child:post-stop");
        await probe.ExpectMsgAsync("parent:post-restart");
    }

    [Fact]
    public async Task ExceptionInPreStart_IsAFailure_ThatTheDefaultStrategyAnswersWithStop()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(SupervisorStrategy.Default);
        var failing = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new FailingStartActor(probe)), "failing"), AskTimeout);
        probe.Watch(failing);

        await probe.ExpectMsgAsync("starting");
        await probe.ExpectTerminatedAsync(failing);
    }

    [Fact]
    public async Task ExceptionInPreStart_ReachesTheDecider_AsActorInitializationException()
    {
        var probe = _kit.CreateProbe();
        var seen = new List<Exception>();
        var parent = SpawnParent(new OneForOneStrategy(maxNrOfRetries: 2, decider: ex =>
        {
            lock (seen)
            {
                seen.Add(ex);
            }

            return Directive.Restart;
        }));
        var failing = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new FailingStartActor(probe)), "failing"), AskTimeout);
        probe.Watch(failing);

        // The first start and two restarts fail; the third failure exceeds the two retries and stops it.
        await probe.ExpectMsgAsync("starting");
        await probe.ExpectMsgAsync("starting");
        await probe.ExpectMsgAsync("starting");
        await probe.ExpectTerminatedAsync(failing);
        lock (seen)
        {
            seen.Should().HaveCount(3).And.AllBeOfType<ActorInitializationException>();
            seen[0].InnerException!.Message.Should().Be("cannot start");
        }
    }

    [Fact]
    public async Task OneForOne_StopsTheChild_WhenRestartsExceedTheLimitWithinTheWindow()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(new OneForOneStrategy(maxNrOfRetries: 2, withinTimeRange: TimeSpan.FromMinutes(1)));
        var child = await SpawnChild(parent, probe, "child");
        probe.Watch(child);

        child.Tell("throw");
        await probe.FishForMessageAsync<string>(m => m == "child:pre-start");
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));
        child.Tell("throw");
        await probe.FishForMessageAsync<string>(m => m == "child:pre-start");
        _kit.Clock.Advance(TimeSpan.FromSeconds(20));
        child.Tell("throw");

        await probe.FishForMessageAsync<Terminated>(t => ReferenceEquals(t.Actor, child));
    }

    [Fact]
    public async Task OneForOne_KeepsRestarting_WhenFailuresAreFurtherApartThanTheWindow()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(new OneForOneStrategy(maxNrOfRetries: 1, withinTimeRange: TimeSpan.FromMinutes(1)));
        var child = await SpawnChild(parent, probe, "child");
        probe.Watch(child);

        for (var i = 0; i < 3; i++)
        {
            child.Tell("throw");
            await probe.FishForMessageAsync<string>(m => m == "child:pre-start");
            _kit.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        child.Tell("still-alive");
        await probe.FishForMessageAsync<string>(m => m == "still-alive");
    }

    [Fact]
    public async Task AllForOne_RestartsEverySibling_WhenOneFails()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(new AllForOneStrategy());
        var first = await SpawnChild(parent, probe, "first");
        var second = await SpawnChild(parent, probe, "second");
        second.Tell("increment");
        (await second.Ask<int>("state", AskTimeout)).Should().Be(1);

        first.Tell("throw");

        var restarts = await probe.ReceiveWhileAsync<string>(m => m is string s && s.Contains("restart", StringComparison.Ordinal) || m is string t && t.EndsWith("pre-start", StringComparison.Ordinal) || m is string u && u.EndsWith("post-stop", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        restarts.Should().Contain("first:post-restart").And.Contain("second:post-restart");
        (await second.Ask<int>("state", AskTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task Kill_FailsTheActor_AndTheDefaultStrategyStopsIt()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new LifecycleActor(probe)));
        await probe.ExpectMsgAsync("actor:pre-start");
        probe.Watch(actor);

        actor.Tell(Kill.Instance);

        await probe.ExpectMsgAsync("actor:post-stop");
        await probe.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task Stop_StopsChildrenBeforeTheParent_TopDown()
    {
        var probe = _kit.CreateProbe();
        var parent = _kit.Spawn(Props.Create(() => new LifecycleParent(probe, "parent")));
        await probe.ExpectMsgAsync("parent:pre-start");
        await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new LifecycleActor(probe, "child")), "child"), AskTimeout);
        await probe.ExpectMsgAsync("child:pre-start");
        probe.Watch(parent);

        _kit.System.Stop(parent);

        await probe.ExpectMsgAsync("child:post-stop");
        await probe.ExpectMsgAsync("parent:post-stop");
        await probe.ExpectTerminatedAsync(parent);
    }

    [Fact]
    public async Task ExceptionInPostStop_IsLoggedAndTheActorStillStops()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new ThrowingStopActor()));
        probe.Watch(actor);

        _kit.System.Stop(actor);

        await probe.ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task ExceptionInPreRestart_IsLogged_AndTheRestartStillHappens()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(SupervisorStrategy.Default);
        var child = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new BrokenHooksActor(probe, failPreRestart: true, failPostRestart: false)), "child"), AskTimeout);
        await probe.ExpectMsgAsync("started");

        child.Tell("throw");

        await probe.ExpectMsgAsync("pre-restart");
        await probe.ExpectMsgAsync("post-restart");
        child.Tell("ping");
        await probe.ExpectMsgAsync("ping");
    }

    [Fact]
    public async Task ExceptionInPostRestart_IsAStartFailure_ThatTheDefaultStrategyStops()
    {
        var probe = _kit.CreateProbe();
        var parent = SpawnParent(SupervisorStrategy.Default);
        var child = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new BrokenHooksActor(probe, failPreRestart: false, failPostRestart: true)), "child"), AskTimeout);
        await probe.ExpectMsgAsync("started");
        probe.Watch(child);

        child.Tell("throw");

        await probe.ExpectMsgAsync("pre-restart");
        await probe.ExpectMsgAsync("post-restart");
        await probe.ExpectTerminatedAsync(child);
    }

    [Fact]
    public async Task SpawningADuplicateName_Throws_AndTheFirstChildLives()
    {
        var probe = _kit.CreateProbe();
        _kit.Spawn(Props.Create(() => new EchoActor(probe)), "unique");
        var spawn = () => _kit.Spawn(Props.Create(() => new EchoActor(probe)), "unique");
        spawn.Should().Throw<InvalidActorNameException>().WithMessage("*already used*");
        var invalid = () => _kit.Spawn(Props.Create(() => new EchoActor(probe)), "a/b");
        invalid.Should().Throw<InvalidActorNameException>();
        await probe.ExpectNoMsgAsync();
    }

    private IActorRef SpawnParent(SupervisorStrategy strategy) =>
        _kit.Spawn(Props.Create(() => new ParentActor()).WithSupervisorStrategy(strategy));

    private async Task<IActorRef> SpawnChild(IActorRef parent, TestProbe probe, string name)
    {
        var child = await parent.Ask<IActorRef>(new SpawnRequest(Props.Create(() => new LifecycleActor(probe, name)), name), AskTimeout);
        await probe.ExpectMsgAsync($"{name}:pre-start");
        return child;
    }

    private sealed record SpawnRequest(Props Props, string Name);

    private sealed class ParentActor : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is SpawnRequest request)
            {
                Sender.Tell(Context.Spawn(request.Props, request.Name));
            }
        }
    }

    private sealed class LifecycleParent(IActorRef probe, string name) : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is SpawnRequest request)
            {
                Sender.Tell(Context.Spawn(request.Props, request.Name));
            }
        }

        protected override void PreStart() => probe.Tell($"{name}:pre-start");

        protected override void PostStop() => probe.Tell($"{name}:post-stop");

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell($"{name}:pre-restart");
            foreach (var child in Context.Children)
            {
                Context.Stop(child);
            }
        }

        protected override void PostRestart(Exception reason) => probe.Tell($"{name}:post-restart");
    }

    private sealed class FailingStartActor(IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
        }

        protected override void PreStart()
        {
            probe.Tell("starting");
            throw new InvalidOperationException("cannot start");
        }
    }

    private sealed class BrokenHooksActor(IActorRef probe, bool failPreRestart, bool failPostRestart) : Actor
    {
        protected override void PreStart() => probe.Tell("started");

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell("pre-restart");
            if (failPreRestart)
            {
                throw new InvalidOperationException("pre-restart failed");
            }
        }

        protected override void PostRestart(Exception reason)
        {
            probe.Tell("post-restart");
            if (failPostRestart)
            {
                throw new InvalidOperationException("post-restart failed");
            }
        }

        protected override void OnReceive(object message)
        {
            if (message is "throw")
            {
                throw new InvalidOperationException("boom");
            }

            probe.Tell(message);
        }
    }

    private sealed class ThrowingStopActor : Actor
    {
        protected override void OnReceive(object message)
        {
        }

        protected override void PostStop() => throw new InvalidOperationException("post-stop failed");
    }
}
