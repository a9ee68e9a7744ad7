using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Cluster.Sharding;

namespace AgentMesh.Cluster.Tests;

public sealed class ShardRegionTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();
    private readonly TestProbe _probe;

    public ShardRegionTests()
    {
        _probe = _kit.CreateProbe();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Entity_IsStartedOnItsFirstMessage_AndReceivesEveryMessageInOrder()
    {
        var region = StartRegion();

        for (var i = 0; i < 5; i++)
        {
            region.Tell(new ShardEnvelope("gpu-box", i));
        }

        await _probe.ExpectMsgAsync("gpu-box:started");
        (await _probe.ReceiveNAsync<string>(5)).Should().Equal("gpu-box:0", "gpu-box:1", "gpu-box:2", "gpu-box:3", "gpu-box:4");
    }

    [Fact]
    public async Task Entities_WithIdsThatAreNotValidActorNames_StillWork()
    {
        var region = StartRegion();

        region.Tell(new ShardEnvelope("model:openai/gpt-4o", "x"));

        await _probe.ExpectMsgAsync("model:openai/gpt-4o:started");
        await _probe.ExpectMsgAsync("model:openai/gpt-4o:x");
    }

    [Fact]
    public async Task IdleEntity_IsPassivated_AndStartedAgainOnTheNextMessage()
    {
        var region = StartRegion(o => o with { PassivateIdleAfter = TimeSpan.FromMinutes(10) });
        region.Tell(new ShardEnvelope("a", "hello"));
        await _probe.ExpectMsgAsync("a:started");
        await _probe.ExpectMsgAsync("a:hello");

        _kit.Clock.Advance(TimeSpan.FromMinutes(9));
        await _probe.ExpectNoMsgAsync();
        _kit.Clock.Advance(TimeSpan.FromMinutes(3));
        await _probe.ExpectMsgAsync("a:stopped");
        (await State(region)).RunningEntities.Should().BeEmpty();

        region.Tell(new ShardEnvelope("a", "again"));
        await _probe.ExpectMsgAsync("a:started");
        await _probe.ExpectMsgAsync("a:again");
    }

    [Fact]
    public async Task MessagesToAPassivatingEntity_AreBuffered_AndDeliveredAfterItRestarts()
    {
        var region = StartRegion(o => o with { StopMessage = new SlowStop() });
        region.Tell(new ShardEnvelope("a", "hello"));
        await _probe.ExpectMsgAsync("a:started");
        await _probe.ExpectMsgAsync("a:hello");

        region.Tell(new ShardEnvelope("a", new AskToPassivate()));
        await _probe.ExpectMsgAsync("a:stopping");
        region.Tell(new ShardEnvelope("a", "during-1"));
        region.Tell(new ShardEnvelope("a", "during-2"));
        (await State(region)).BufferedMessages.Should().ContainKey("a").WhoseValue.Should().Be(2);
        await _kit.Clock.WhenActiveTimersAtLeast(1).WaitAsync(TimeSpan.FromSeconds(5));
        _kit.Clock.Advance(TimeSpan.FromMinutes(1));

        await _probe.ExpectMsgAsync("a:stopped");
        await _probe.ExpectMsgAsync("a:started");
        (await _probe.ReceiveNAsync<string>(2)).Should().Equal("a:during-1", "a:during-2");
    }

    [Fact]
    public async Task CrashedEntity_IsRestartedWithGrowingBackoff_AndMessagesMeanwhileAreKept()
    {
        var region = StartRegion(o => o with { MinRestartBackoff = TimeSpan.FromSeconds(1), MaxRestartBackoff = TimeSpan.FromSeconds(30) });
        region.Tell(new ShardEnvelope("a", "hello"));
        await _probe.ExpectMsgAsync("a:started");
        await _probe.ExpectMsgAsync("a:hello");

        region.Tell(new ShardEnvelope("a", "crash"));
        await _probe.ExpectMsgAsync("a:stopped");
        region.Tell(new ShardEnvelope("a", "kept"));
        await WaitForBuffered(region, "a", 1);
        _kit.Clock.Advance(TimeSpan.FromMilliseconds(999));
        await _probe.ExpectNoMsgAsync();
        _kit.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _probe.ExpectMsgAsync("a:started");
        await _probe.ExpectMsgAsync("a:kept");

        // A second crash soon after doubles the delay.
        region.Tell(new ShardEnvelope("a", "crash"));
        await _probe.ExpectMsgAsync("a:stopped");
        await _kit.Clock.WhenActiveTimersAtLeast(1).WaitAsync(TimeSpan.FromSeconds(5));
        _kit.Clock.Advance(TimeSpan.FromMilliseconds(1999));
        await _probe.ExpectNoMsgAsync();
        _kit.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _probe.ExpectMsgAsync("a:started");
    }

    [Fact]
    public async Task MessagesImplementingIEntityMessage_AreRoutedWithoutAnEnvelope()
    {
        var region = StartRegion();

        region.Tell(new Greeting("b", "hi"));

        await _probe.ExpectMsgAsync("b:started");
        await _probe.ExpectMsgAsync("b:Greeting { EntityId = b, Text = hi }");
    }

    [Fact]
    public async Task Replies_GoToTheOriginalSender()
    {
        var region = StartRegion();

        var reply = await region.Ask<string>(new ShardEnvelope("c", "echo"), TimeSpan.FromSeconds(5));

        reply.Should().Be("c:echo");
    }

    private IActorRef StartRegion(Func<ShardRegionOptions, ShardRegionOptions>? configure = null)
    {
        var options = new ShardRegionOptions("test", id => Props.Create(() => new Entity(id, _probe)))
        {
            PassivateIdleAfter = null,
        };
        return ShardRegion.Start(_kit.System, configure is null ? options : configure(options));
    }

    private static Task<ShardRegionState> State(IActorRef region) =>
        region.Ask<ShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));

    private static async Task WaitForBuffered(IActorRef region, string entityId, int count) =>
        await AwaitAssert.HoldsAsync(() =>
            State(region).GetAwaiter().GetResult().BufferedMessages.GetValueOrDefault(entityId).Should().Be(count));

    private sealed record Greeting(string EntityId, string Text) : IEntityMessage;

    private sealed record AskToPassivate;

    private sealed record SlowStop;

    private sealed record FinishStop
    {
        public static readonly FinishStop Instance = new();
    }

    private sealed class Entity(string id, IActorRef probe) : Actor
    {
        protected override void PreStart() => probe.Tell($"{id}:started");

        protected override void PostStop() => probe.Tell($"{id}:stopped");

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "crash":
                    throw new InvalidOperationException("entity crashed");
                case "echo":
                    Sender.Tell($"{id}:echo");
                    break;
                case AskToPassivate:
                    Context.Parent.Tell(new Passivate(new SlowStop()));
                    break;
                case SlowStop:
                    // Takes a minute to wind down; messages for it meanwhile must wait in the region.
                    probe.Tell($"{id}:stopping");
                    Context.Timers.StartSingleTimer("stop", FinishStop.Instance, TimeSpan.FromMinutes(1));
                    break;
                case FinishStop:
                    Context.Stop(Self);
                    break;
                default:
                    probe.Tell($"{id}:{message}");
                    break;
            }
        }
    }
}
