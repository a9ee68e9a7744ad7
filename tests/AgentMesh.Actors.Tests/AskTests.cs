using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class AskTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Ask_ReturnsTheReply_AndReleasesItsTemporaryRef()
    {
        var actor = _kit.Spawn(Props.Create(() => new Replier()));

        var reply = await actor.Ask<string>("ping", TimeSpan.FromSeconds(5));

        reply.Should().Be("pong:ping");
        await AwaitAssert.HoldsAsync(() => _kit.System.TemporaryRefCount.Should().Be(0));
    }

    [Fact]
    public async Task Ask_TimesOutOnTheSystemClock_AndReleasesItsTemporaryRef()
    {
        var probe = _kit.CreateProbe();
        var silent = _kit.Spawn(Props.Create(() => new EchoActor(probe)));

        var ask = silent.Ask<string>("hello?", TimeSpan.FromSeconds(30));
        await probe.ExpectMsgAsync("hello?");
        _kit.Clock.Advance(TimeSpan.FromSeconds(29));
        ask.IsCompleted.Should().BeFalse();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));

        await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<AskTimeoutException>();
        _kit.System.TemporaryRefCount.Should().Be(0);
    }

    [Fact]
    public async Task Ask_IsCancelled_AndReleasesItsTemporaryRef()
    {
        var probe = _kit.CreateProbe();
        var silent = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        using var cancel = new CancellationTokenSource();

        var ask = silent.Ask<string>("hello?", TimeSpan.FromMinutes(1), cancel.Token);
        await probe.ExpectMsgAsync("hello?");
        await cancel.CancelAsync();

        await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
        _kit.System.TemporaryRefCount.Should().Be(0);
    }

    [Fact]
    public async Task Ask_Fails_WhenTheTargetStopsDuringTheAsk()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));

        var ask = target.Ask<string>("hello?", TimeSpan.FromMinutes(1));
        await probe.ExpectMsgAsync("hello?");
        _kit.System.Stop(target);

        await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<AskTargetTerminatedException>();
        _kit.System.TemporaryRefCount.Should().Be(0);
    }

    [Fact]
    public async Task Ask_FailsAtOnce_WhenTheTargetIsAlreadyDead()
    {
        var probe = _kit.CreateProbe();
        var target = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        probe.Watch(target);
        _kit.System.Stop(target);
        await probe.ExpectTerminatedAsync(target);

        var ask = target.Ask<string>("anyone?", TimeSpan.FromMinutes(1));

        await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<AskTargetTerminatedException>();
        _kit.System.TemporaryRefCount.Should().Be(0);
    }

    [Fact]
    public async Task Ask_ThrowsTheCarriedException_WhenTheReplyIsAFailure()
    {
        var actor = _kit.Spawn(Props.Create(() => new Replier()));

        var ask = actor.Ask<string>("fail", TimeSpan.FromSeconds(5));

        (await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("refused");
    }

    [Fact]
    public async Task Ask_ThrowsAClearError_WhenTheReplyHasTheWrongType()
    {
        var actor = _kit.Spawn(Props.Create(() => new Replier()));

        var ask = actor.Ask<int>("ping", TimeSpan.FromSeconds(5));

        (await ask.Invoking(a => a.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<InvalidCastException>())
            .WithMessage("*expected a Int32 but the reply was a String*");
    }

    private sealed class Replier : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is "fail")
            {
                Sender.Tell(new Status.Failure(new InvalidOperationException("refused")));
            }
            else
            {
                Sender.Tell($"pong:{message}");
            }
        }
    }
}
