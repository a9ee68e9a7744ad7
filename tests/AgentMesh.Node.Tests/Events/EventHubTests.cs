using AgentMesh.Node.Events;

namespace AgentMesh.Node.Tests.Events;

public sealed class EventHubTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void SlowSubscriber_LosesItsOldestEvents_AndIsToldHowMany()
    {
        var hub = new EventHub(capacityPerSubscriber: 4);
        using var subscription = hub.Subscribe();

        for (var n = 1; n <= 10; n++)
        {
            hub.Publish("tick", new { N = n });
        }

        Drain(subscription).Should().Equal(
            new HubEvent(null, EventHub.DroppedType, """{"count":6}"""),
            new HubEvent(7, "tick", """{"n":7}"""),
            new HubEvent(8, "tick", """{"n":8}"""),
            new HubEvent(9, "tick", """{"n":9}"""),
            new HubEvent(10, "tick", """{"n":10}"""));
    }

    [Fact]
    public void SlowSubscriber_DoesNotHoldBackAFastOne()
    {
        var hub = new EventHub(capacityPerSubscriber: 16);
        using var slow = hub.Subscribe();
        using var fast = hub.Subscribe();
        var received = new List<HubEvent>();

        for (var n = 1; n <= 100; n++)
        {
            hub.PublishJson("tick", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            received.AddRange(Drain(fast));
        }

        received.Select(e => e.Id).Should().Equal(Enumerable.Range(1, 100).Select(n => (long?)n));
        var late = Drain(slow);
        late[0].Should().Be(new HubEvent(null, EventHub.DroppedType, """{"count":84}"""));
        late.Skip(1).Select(e => e.Id).Should().Equal(Enumerable.Range(85, 16).Select(n => (long?)n));
    }

    [Fact]
    public async Task ConcurrentPublishers_EverySubscriberSeesIdsInOrder()
    {
        var hub = new EventHub(capacityPerSubscriber: 10_000);
        using var subscription = hub.Subscribe();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                hub.PublishJson("tick", "{}");
            }
        }))).WaitAsync(Timeout);

        Drain(subscription).Select(e => e.Id).Should().Equal(Enumerable.Range(1, 4000).Select(n => (long?)n));
    }

    [Fact]
    public async Task DisposedSubscription_LeavesTheHub_AndItsWaitEnds()
    {
        var hub = new EventHub();
        var subscription = hub.Subscribe();
        var wait = subscription.WaitToReadAsync(CancellationToken.None).AsTask();
        hub.SubscriberCount.Should().Be(1);

        subscription.Dispose();

        (await wait.WaitAsync(Timeout)).Should().BeFalse();
        hub.SubscriberCount.Should().Be(0);
        hub.Publish("tick", 1).Id.Should().Be(1, "publishing without subscribers is fine");
    }

    [Fact]
    public async Task ReadAll_YieldsEventsAsTheyArrive_UntilDisposed()
    {
        var hub = new EventHub();
        var subscription = hub.Subscribe();
        var read = Task.Run(async () =>
        {
            var events = new List<string>();
            await foreach (var hubEvent in subscription.ReadAllAsync(CancellationToken.None))
            {
                events.Add(hubEvent.Data);
            }

            return events;
        });

        hub.PublishJson("a", "1");
        hub.PublishJson("b", "2");
        subscription.Dispose();

        var events = await read.WaitAsync(Timeout);
        events.Should().BeSubsetOf(["1", "2"], "events still queued when the subscription ends may be dropped with it");
    }

    [Fact]
    public void EventType_WithALineBreak_IsRefused()
    {
        var publish = () => new EventHub().PublishJson("bad\ntype", "{}");

        publish.Should().Throw<ArgumentException>();
    }

    private static List<HubEvent> Drain(EventSubscription subscription)
    {
        var events = new List<HubEvent>();
        while (subscription.TryRead(out var hubEvent))
        {
            events.Add(hubEvent);
        }

        return events;
    }
}
