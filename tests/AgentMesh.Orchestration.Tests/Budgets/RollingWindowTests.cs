using AgentMesh.Orchestration.Budgets;
using FsCheck;
using FsCheck.Fluent;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Budgets;

public sealed class RollingWindowTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    // T0 is on a minute boundary, so buckets of 10 s start at T0, T0 + 10 s, ...
    private readonly RollingWindow<long> _window = new(TimeSpan.FromSeconds(10), 6);

    [Fact]
    public void RollingWindow_SumsTheLastSixBuckets()
    {
        _window.Add(T0, 1);
        _window.Add(Seconds(9), 2);
        _window.Add(Seconds(55), 4);

        _window.Sum(Seconds(59)).Should().Be(7);
        _window.Span.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void RollingWindow_DropsABucket_ExactlyWhenItsSpanLeavesTheWindow()
    {
        _window.Add(T0, 1);
        _window.Add(Seconds(10), 2);

        _window.Sum(Seconds(60) - Tick).Should().Be(3);
        _window.Sum(Seconds(60)).Should().Be(2);
        _window.Sum(Seconds(70)).Should().Be(0);
    }

    [Fact]
    public void RollingWindow_ClearsEverything_AfterAGapLongerThanTheWindow()
    {
        _window.Add(T0, 5);

        _window.Add(At(TimeSpan.FromHours(3)), 1);

        _window.Sum(At(TimeSpan.FromHours(3))).Should().Be(1);
    }

    [Fact]
    public void RollingWindow_IgnoresAnAddOlderThanTheWindow_AndCountsALateOneInside()
    {
        _window.Add(Seconds(100), 1);

        _window.Add(Seconds(30), 10).Should().BeFalse();
        _window.Add(Seconds(50), 100).Should().BeTrue();

        _window.Sum(Seconds(100)).Should().Be(101);
    }

    [Fact]
    public void RollingWindow_Restore_ContinuesWithTheSameSums()
    {
        var window = new RollingWindow<UsageTally>(TimeSpan.FromMinutes(1), 60);
        window.Add(T0, new UsageTally(1, 2, 3, 0.1m));
        window.Add(At(TimeSpan.FromMinutes(30)), new UsageTally(10, 20, 30, 1m));

        var restored = RollingWindow<UsageTally>.Restore(window.ToSnapshot());

        restored.Sum(At(TimeSpan.FromMinutes(30))).Should().Be(new UsageTally(11, 22, 33, 1.1m));
        restored.Sum(At(TimeSpan.FromMinutes(60))).Should().Be(new UsageTally(10, 20, 30, 1m));
        RollingWindow<long>.Restore(new RollingWindow<long>(TimeSpan.FromSeconds(1), 3).ToSnapshot())
            .Sum(T0).Should().Be(0);
    }

    [Fact]
    public void RollingWindow_Sum_EqualsTheNaiveSumOverTheCoveredBuckets()
    {
        var events = Gen.ListOf(Gen.Choose(0, 600).Zip(Gen.Choose(1, 100)))
            .Select(list => list.OrderBy(e => e.Item1).ToArray());

        Prop.ForAll(events.ToArbitrary(), list =>
            {
                var window = new RollingWindow<long>(TimeSpan.FromSeconds(10), 6);
                foreach (var (second, amount) in list)
                {
                    window.Add(Seconds(second), amount);
                }

                var now = list.Length == 0 ? 0 : list[^1].Item1;
                var expected = list.Where(e => e.Item1 / 10 > (now / 10) - 6).Sum(e => (long)e.Item2);
                return window.Sum(Seconds(now)) == expected;
            })
            .QuickCheckThrowOnFailure();
    }
}
