using AgentMesh.Actors.TestKit;

namespace AgentMesh.Actors.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_FiresTimersInDueOrder_WithTheClockAtEachDueTime()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => fired.Add(("periodic", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));

        clock.Advance(TimeSpan.FromSeconds(45));

        fired.Should().Equal(
            ("early", TimeSpan.FromSeconds(10)),
            ("periodic", TimeSpan.FromSeconds(15)),
            ("late", TimeSpan.FromSeconds(30)),
            ("periodic", TimeSpan.FromSeconds(30)),
            ("periodic", TimeSpan.FromSeconds(45)));
        (clock.GetUtcNow() - start).Should().Be(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void DisposedAndChangedTimers_FollowTheirLatestSetting()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        var disposed = clock.CreateTimer(_ => count += 100, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var changed = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        changed.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(4));
        count.Should().Be(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        count.Should().Be(1);
        disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan).Should().BeFalse();
        clock.ActiveTimerCount.Should().Be(0);
    }

    [Fact]
    public void ElapsedTime_IsExact()
    {
        var clock = new ManualTimeProvider();
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1234.5));

        clock.GetElapsedTime(before).Should().Be(TimeSpan.FromMilliseconds(1234.5));
    }

    [Fact]
    public async Task WhenActiveTimersAtLeast_CompletesOnceEnoughTimersAreArmed()
    {
        var clock = new ManualTimeProvider();
        var waiting = clock.WhenActiveTimersAtLeast(2);
        using var first = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        waiting.IsCompleted.Should().BeFalse();
        using var second = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        await waiting.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Advance_RejectsGoingBackwards()
    {
        var clock = new ManualTimeProvider();

        var back = () => clock.Advance(TimeSpan.FromSeconds(-1));

        back.Should().Throw<ArgumentOutOfRangeException>();
    }
}
