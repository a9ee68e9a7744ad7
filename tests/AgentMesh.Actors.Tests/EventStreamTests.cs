using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class EventStreamTests : IAsyncLifetime
{
    private readonly ActorTestKit _kit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Subscribers_ReceiveEventsOfTheirTypeAndSubtypes_Only()
    {
        var animals = _kit.CreateProbe();
        var dogs = _kit.CreateProbe();
        _kit.System.EventStream.Subscribe<IAnimal>(animals);
        _kit.System.EventStream.Subscribe<Dog>(dogs);

        _kit.System.EventStream.Publish(new Dog("rex"));
        _kit.System.EventStream.Publish(new Cat("tom"));
        _kit.System.EventStream.Publish("not an animal");

        (await animals.ExpectMsgAsync<Dog>()).Name.Should().Be("rex");
        (await animals.ExpectMsgAsync<Cat>()).Name.Should().Be("tom");
        (await dogs.ExpectMsgAsync<Dog>()).Name.Should().Be("rex");
        await animals.ExpectNoMsgAsync();
        await dogs.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Unsubscribe_StopsDelivery()
    {
        var probe = _kit.CreateProbe();
        _kit.System.EventStream.Subscribe<Dog>(probe);
        _kit.System.EventStream.Unsubscribe(probe);

        _kit.System.EventStream.Publish(new Dog("rex"));

        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task DeadLetters_AreCountedAndPublished_ForMessagesToStoppedActors()
    {
        var probe = _kit.CreateProbe();
        var letters = _kit.CreateProbe();
        _kit.System.EventStream.Subscribe<DeadLetter>(letters);
        var actor = _kit.Spawn(Props.Create(() => new EchoActor(probe)));
        probe.Watch(actor);
        _kit.System.Stop(actor);
        await probe.ExpectTerminatedAsync(actor);
        var before = _kit.System.DeadLetterCount;

        actor.Tell("too late", probe);

        var letter = await letters.ExpectMsgAsync<DeadLetter>();
        letter.Message.Should().Be("too late");
        letter.Sender.Should().BeSameAs(probe);
        letter.Recipient.Should().BeSameAs(actor);
        _kit.System.DeadLetterCount.Should().Be(before + 1);
    }

    [Fact]
    public async Task UnhandledMessages_ArePublished()
    {
        var probe = _kit.CreateProbe();
        _kit.System.EventStream.Subscribe<UnhandledMessage>(probe);
        var actor = _kit.Spawn(Props.Create(() => new IgnoringActor()));

        actor.Tell("what is this");

        (await probe.ExpectMsgAsync<UnhandledMessage>()).Message.Should().Be("what is this");
    }

    private interface IAnimal;

    private sealed record Dog(string Name) : IAnimal;

    private sealed record Cat(string Name) : IAnimal;

    private sealed class IgnoringActor : Actor
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }
}
