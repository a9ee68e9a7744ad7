using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Watch;

namespace AgentMesh.Orchestration.Tests.Watch;

public sealed class NudgeGateTests
{
    private readonly NudgeGate _gate = new(new WatchPolicy());

    [Fact]
    public void NudgeGate_Nudges_OnlyForAStrictlyNewerId()
    {
        _gate.OnInboxRead(0).Should().Be(NudgeDecision.None);
        _gate.OnInboxRead(5).Should().Be(new NudgeDecision(NudgeKind.Nudge, 5, false, 0));
        _gate.OnInboxRead(5).Kind.Should().Be(NudgeKind.None);
        _gate.OnInboxRead(4).Kind.Should().Be(NudgeKind.None);
        _gate.OnInboxRead(6).PendingUpTo.Should().Be(6);

        _gate.HighWaterMark.Should().Be(6);
    }

    [Fact]
    public void NudgeGate_Delivery_RaisesTheMark_SoDeliveredMessagesAreNotNudged()
    {
        _gate.OnDelivered(7);
        _gate.OnDelivered(3);

        _gate.HighWaterMark.Should().Be(7);
        _gate.OnInboxRead(7).Kind.Should().Be(NudgeKind.None);
        _gate.OnInboxRead(8).Kind.Should().Be(NudgeKind.Nudge);
    }

    [Fact]
    public void NudgeGate_FortyFiveIdleTicks_OnAnUnreadMessage_CostOneNudge()
    {
        var nudges = Enumerable.Range(0, 45).Count(_ => _gate.OnInboxRead(1).Kind != NudgeKind.None);

        nudges.Should().Be(1);
    }

    [Fact]
    public void NudgeGate_DegradedNudges_BackOffExponentially_AndAlertOnTheThirdFailure()
    {
        var decisions = Enumerable.Range(1, 17).Select(_ => _gate.OnInboxReadFailed()).ToArray();

        decisions.Select((d, i) => (Tick: i + 1, d.Kind)).Where(x => x.Kind == NudgeKind.DegradedNudge).Select(x => x.Tick)
            .Should().Equal(1, 2, 4, 8, 16);
        decisions.Select((d, i) => (Tick: i + 1, d.RaiseAlert)).Where(x => x.RaiseAlert).Select(x => x.Tick)
            .Should().Equal(3);
        decisions.Should().OnlyContain(d => d.PendingUpTo == null);
        decisions[^1].ConsecutiveFailures.Should().Be(17);
        _gate.HighWaterMark.Should().Be(0);
    }

    [Fact]
    public void NudgeGate_DegradedGap_IsCappedAtTheMaximumInterval()
    {
        var gate = new NudgeGate(new WatchPolicy { MaxDegradedNudgeInterval = TimeSpan.FromMinutes(30) });

        var ticks = Enumerable.Range(1, 14).Where(_ => gate.OnInboxReadFailed().Kind == NudgeKind.DegradedNudge);

        ticks.Should().Equal(1, 2, 4, 7, 10, 13);
    }

    [Fact]
    public void NudgeGate_SuccessfulRead_EndsTheFailureRun()
    {
        _gate.OnInboxReadFailed();
        _gate.OnInboxReadFailed();
        _gate.OnInboxRead(3).Kind.Should().Be(NudgeKind.Nudge);

        var next = _gate.OnInboxReadFailed();

        next.Should().Be(new NudgeDecision(NudgeKind.DegradedNudge, null, false, 1));
        _gate.OnInboxReadFailed().RaiseAlert.Should().BeFalse();
        _gate.OnInboxReadFailed().RaiseAlert.Should().BeTrue();
    }

    [Fact]
    public void NudgeGate_Restore_KeepsTheMarkAndTheFailureRun()
    {
        _gate.OnInboxRead(9);
        _gate.OnInboxReadFailed();
        _gate.OnInboxReadFailed();

        var snapshot = _gate.ToSnapshot();
        var restored = NudgeGate.Restore(new WatchPolicy(), snapshot);

        snapshot.Should().Be(new NudgeGateSnapshot(9, 2, 2, 4));
        restored.OnInboxReadFailed().Should().Be(new NudgeDecision(NudgeKind.None, null, true, 3));
        restored.OnInboxReadFailed().Kind.Should().Be(NudgeKind.DegradedNudge);
        restored.OnInboxRead(9).Kind.Should().Be(NudgeKind.None);
    }
}
