using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class StashAndBecomeTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task UnstashAll_RedeliversStashedMessagesInOrder_BeforeNewOnes()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new GateActor(probe)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("open");
        actor.Tell("c");

        (await probe.ReceiveNAsync<string>(4)).Should().Equal("opened", "a", "b", "c");
    }

    [Fact]
    public async Task StashedMessages_SurviveARestart_AndReachTheNewInstance()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new GateActor(probe)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("crash");
        actor.Tell("open");

        (await probe.ReceiveNAsync<string>(4)).Should().Equal("restarted", "opened", "a", "b");
    }

    [Fact]
    public async Task BecomeAndUnbecome_SwitchBehaviour_AsAStack()
    {
        var probe = _kit.CreateProbe();
        var actor = _kit.Spawn(Props.Create(() => new MoodActor(probe)));

        actor.Tell("hi");
        actor.Tell("happy");
        actor.Tell("hi");
        actor.Tell("angry");
        actor.Tell("hi");
        actor.Tell("calm");
        actor.Tell("hi");
        actor.Tell("calm");
        actor.Tell("hi");

        (await probe.ReceiveNAsync<string>(5)).Should().Equal("neutral:hi", "happy:hi", "angry:hi", "happy:hi", "neutral:hi");
    }

    private sealed class GateActor(IActorRef probe) : Actor
    {
        protected override void PostRestart(Exception reason) => probe.Tell("restarted");

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "open":
                    probe.Tell("opened");
                    Context.Become(Open);
                    Context.UnstashAll();
                    break;
                case "crash":
                    throw new InvalidOperationException("crash while closed");
                default:
                    Context.Stash();
                    break;
            }
        }

        private void Open(object message) => probe.Tell(message);
    }

    private sealed class MoodActor(IActorRef probe) : Actor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "happy":
                    Context.Become(Happy, discardOld: false);
                    break;
                default:
                    probe.Tell($"neutral:{message}");
                    break;
            }
        }

        private void Happy(object message)
        {
            switch (message)
            {
                case "angry":
                    Context.Become(Angry, discardOld: false);
                    break;
                case "calm":
                    Context.Unbecome();
                    break;
                default:
                    probe.Tell($"happy:{message}");
                    break;
            }
        }

        private void Angry(object message)
        {
            if (message is "calm")
            {
                Context.Unbecome();
            }
            else
            {
                probe.Tell($"angry:{message}");
            }
        }
    }
}
