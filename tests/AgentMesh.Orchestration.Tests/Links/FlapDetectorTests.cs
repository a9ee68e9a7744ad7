using AgentMesh.Orchestration.Links;
using AgentMesh.Orchestration.Policies;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Links;

public sealed class FlapDetectorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FlapDetector _detector = new(new FlapPolicy());

    [Fact]
    public void FlapDetector_EntersFlapping_OnFourthTransitionWithinTwoMinutes()
    {
        _detector.Record(LinkTransition.Down, T0).Should().Be(FlapChange.None);
        _detector.Record(LinkTransition.Up, Seconds(1)).Should().Be(FlapChange.None);
        _detector.Record(LinkTransition.Down, Seconds(60)).Should().Be(FlapChange.None);

        _detector.Record(LinkTransition.Up, Seconds(120)).Should().Be(FlapChange.EnteredFlapping);

        _detector.IsFlapping.Should().BeTrue();
        _detector.LastTransition.Should().Be(LinkTransition.Up);
        _detector.StableAt.Should().Be(Seconds(180));
    }

    [Fact]
    public void FlapDetector_StaysOut_WhenFourthTransitionIsOneTickPastTwoMinutes()
    {
        _detector.Record(LinkTransition.Down, T0);
        _detector.Record(LinkTransition.Up, Seconds(1));
        _detector.Record(LinkTransition.Down, Seconds(60));

        _detector.Record(LinkTransition.Up, Seconds(120) + Tick).Should().Be(FlapChange.None);

        _detector.IsFlapping.Should().BeFalse();
        _detector.StableAt.Should().BeNull();
    }

    [Fact]
    public void FlapDetector_SlidesItsWindow_EnteringWhenTheLatestFourFit()
    {
        _detector.Record(LinkTransition.Down, T0);
        _detector.Record(LinkTransition.Up, Seconds(90));
        _detector.Record(LinkTransition.Down, Seconds(100));
        _detector.Record(LinkTransition.Up, Seconds(130)).Should().Be(FlapChange.None);

        _detector.Record(LinkTransition.Down, Seconds(210)).Should().Be(FlapChange.EnteredFlapping);
    }

    [Fact]
    public void FlapDetector_LeavesFlapping_AfterExactlySixtyStableSeconds()
    {
        Flap(T0);

        _detector.Evaluate(Seconds(3 + 60) - Tick).Should().Be(FlapChange.None);
        _detector.IsFlapping.Should().BeTrue();
        _detector.Evaluate(Seconds(3 + 60)).Should().Be(FlapChange.LeftFlapping);
        _detector.IsFlapping.Should().BeFalse();
        _detector.Evaluate(Seconds(3 + 61)).Should().Be(FlapChange.None);
    }

    [Fact]
    public void FlapDetector_TransitionWhileFlapping_PushesTheStableTimeOut()
    {
        Flap(T0);

        _detector.Record(LinkTransition.Down, Seconds(50)).Should().Be(FlapChange.None);

        _detector.StableAt.Should().Be(Seconds(110));
        _detector.Evaluate(Seconds(63)).Should().Be(FlapChange.None);
        _detector.Evaluate(Seconds(110)).Should().Be(FlapChange.LeftFlapping);
    }

    [Fact]
    public void FlapDetector_Record_AfterTheStablePeriod_LeavesFlapping_WhenHistoryIsSparse()
    {
        Flap(T0);

        _detector.Record(LinkTransition.Down, Seconds(3 + 200)).Should().Be(FlapChange.LeftFlapping);

        _detector.IsFlapping.Should().BeFalse();
    }

    [Fact]
    public void FlapDetector_KeepsHistory_SoALinkFlappingAgainIsCaughtOnItsNextTransition()
    {
        Flap(T0);
        _detector.Evaluate(Seconds(63)).Should().Be(FlapChange.LeftFlapping);

        // The transitions at 1, 2 and 3 s and this one at 64 s are four inside two minutes.
        _detector.Record(LinkTransition.Up, Seconds(64)).Should().Be(FlapChange.EnteredFlapping);
    }

    [Fact]
    public void FlapDetector_TakesAnEarlierNow_AsTheLatestTransitionTime()
    {
        _detector.Record(LinkTransition.Down, Seconds(100));
        _detector.Record(LinkTransition.Up, Seconds(50));

        _detector.LastTransitionAt.Should().Be(Seconds(100));
    }

    [Fact]
    public void FlapDetector_Restore_ContinuesWhereTheSnapshotLeftOff()
    {
        _detector.Record(LinkTransition.Down, T0);
        _detector.Record(LinkTransition.Up, Seconds(1));
        _detector.Record(LinkTransition.Down, Seconds(2));

        var snapshot = _detector.ToSnapshot();
        var restored = FlapDetector.Restore(new FlapPolicy(), snapshot);

        snapshot.RecentTransitions.Should().Equal(T0, Seconds(1), Seconds(2));
        restored.ToSnapshot().Should().BeEquivalentTo(snapshot);
        restored.Record(LinkTransition.Up, Seconds(3)).Should().Be(FlapChange.EnteredFlapping);
        _detector.Record(LinkTransition.Up, Seconds(3)).Should().Be(FlapChange.EnteredFlapping);
        FlapDetector.Restore(new FlapPolicy(), _detector.ToSnapshot()).StableAt.Should().Be(Seconds(63));
    }

    [Fact]
    public void FlapDetector_Restore_KeepsOnlyTheLatestTransitionsThePolicyNeeds()
    {
        var snapshot = new FlapDetectorSnapshot([T0, Seconds(1), Seconds(2), Seconds(3), Seconds(4)], LinkTransition.Up, false);

        FlapDetector.Restore(new FlapPolicy { Transitions = 2 }, snapshot).ToSnapshot().RecentTransitions
            .Should().Equal(Seconds(3), Seconds(4));
    }

    private void Flap(DateTimeOffset start)
    {
        _detector.Record(LinkTransition.Down, start);
        _detector.Record(LinkTransition.Up, start + TimeSpan.FromSeconds(1));
        _detector.Record(LinkTransition.Down, start + TimeSpan.FromSeconds(2));
        _detector.Record(LinkTransition.Up, start + TimeSpan.FromSeconds(3)).Should().Be(FlapChange.EnteredFlapping);
    }
}
