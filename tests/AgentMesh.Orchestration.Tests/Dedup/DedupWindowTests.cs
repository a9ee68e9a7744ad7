using AgentMesh.Orchestration.Dedup;
using AgentMesh.Orchestration.Policies;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Dedup;

public sealed class DedupWindowTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly MessageFingerprint Hello = MessageFingerprint.Compute("gpu-box", "mac-mini", "hello");
    private static readonly MessageFingerprint Other = MessageFingerprint.Compute("gpu-box", "mac-mini", "other");
    private readonly DedupWindow _window = new(new DedupPolicy());

    [Fact]
    public void DedupWindow_RefusesARepeat_UntilOneTickBeforeTheCooldownEnds()
    {
        _window.TryAccept(Hello, T0).Should().BeTrue();

        _window.TryAccept(Hello, Seconds(1)).Should().BeFalse();
        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(5) - Tick)).Should().BeFalse();
    }

    [Fact]
    public void DedupWindow_AcceptsARepeat_ExactlyWhenTheCooldownEnds()
    {
        _window.TryAccept(Hello, T0).Should().BeTrue();

        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(5))).Should().BeTrue();
    }

    [Fact]
    public void DedupWindow_RefusedRepeats_DoNotExtendTheCooldown()
    {
        _window.TryAccept(Hello, T0);
        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(4))).Should().BeFalse();

        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(5))).Should().BeTrue();
        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(9))).Should().BeFalse();
    }

    [Fact]
    public void DedupWindow_AcceptsDifferentFingerprints_Independently()
    {
        _window.TryAccept(Hello, T0).Should().BeTrue();
        _window.TryAccept(Other, T0).Should().BeTrue();

        _window.Count.Should().Be(2);
    }

    [Fact]
    public void DedupWindow_ForgetsExpiredEntries_OnLaterCalls()
    {
        _window.TryAccept(Hello, T0);
        _window.TryAccept(Other, Seconds(30));

        _window.TryAccept(MessageFingerprint.Compute("a", "b", "c"), At(TimeSpan.FromMinutes(5))).Should().BeTrue();

        _window.Count.Should().Be(2);
    }

    [Fact]
    public void DedupWindow_RefusesTheSameIdempotencyKey_WithAnotherBody_AndNamesTheOriginalMessage()
    {
        var key = MessageFingerprint.ForIdempotencyKey("gpu-box", "ref-7");

        _window.TryAccept(Hello, key, 41, T0, out var first).Should().BeTrue();
        _window.TryAccept(Other, key, 42, Seconds(10), out var original).Should().BeFalse();
        _window.TryAccept(Hello, null, 43, Seconds(20), out var byBody).Should().BeFalse();

        first.Should().Be(41);
        original.Should().Be(41);
        byBody.Should().Be(41);
    }

    [Fact]
    public void DedupWindow_StaysBounded_ForgettingTheOldestFirst()
    {
        var window = new DedupWindow(new DedupPolicy { MaxEntries = 3 });
        var fingerprints = Enumerable.Range(0, 4).Select(i => MessageFingerprint.Compute("s", "r", $"m{i}")).ToArray();

        for (var i = 0; i < 4; i++)
        {
            window.TryAccept(fingerprints[i], Seconds(i)).Should().BeTrue();
        }

        window.Count.Should().Be(3);
        window.EvictedEarly.Should().Be(1);
        window.TryAccept(fingerprints[3], Seconds(5)).Should().BeFalse();
        window.TryAccept(fingerprints[0], Seconds(5)).Should().BeTrue();
    }

    [Fact]
    public void DedupWindow_TakesAnEarlierNow_AsTheLatestSeen()
    {
        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(10)));

        _window.TryAccept(Hello, T0).Should().BeFalse();
        _window.TryAccept(Hello, At(TimeSpan.FromMinutes(15))).Should().BeTrue();
    }

    [Fact]
    public void DedupWindow_Restore_KeepsRefusingWhatTheSnapshotRemembered()
    {
        var key = MessageFingerprint.ForIdempotencyKey("gpu-box", "ref-1");
        _window.TryAccept(Hello, key, 7, T0, out _);
        _window.TryAccept(Other, Seconds(60));

        var snapshot = _window.ToSnapshot();
        var restored = DedupWindow.Restore(new DedupPolicy(), snapshot);

        snapshot.Entries.Should().HaveCount(3);
        snapshot.Entries[0].Should().Be(new DedupEntrySnapshot(Hello.ToString(), T0, 7));
        restored.TryAccept(Other, key, 8, Seconds(120), out var original).Should().BeFalse();
        original.Should().Be(7);
        restored.TryAccept(Hello, At(TimeSpan.FromMinutes(5))).Should().BeTrue();
        restored.TryAccept(Other, At(TimeSpan.FromMinutes(5))).Should().BeFalse();
    }

    [Fact]
    public void DedupWindow_TryAccept_AllocatesNothing_InSteadyState()
    {
        var window = new DedupWindow(new DedupPolicy { Cooldown = TimeSpan.FromSeconds(1) });
        var fingerprints = Enumerable.Range(0, 100).Select(i => MessageFingerprint.Compute("s", "r", $"m{i}")).ToArray();
        var now = T0;
        for (var round = 0; round < 3; round++, now += TimeSpan.FromSeconds(1))
        {
            foreach (var fingerprint in fingerprints)
            {
                window.TryAccept(fingerprint, now);
            }
        }

        var accepted = 0;
        var refused = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++, now += TimeSpan.FromSeconds(1))
        {
            foreach (var fingerprint in fingerprints)
            {
                accepted += window.TryAccept(fingerprint, now) ? 1 : 0;
                refused += window.TryAccept(fingerprint, now) ? 0 : 1;
            }
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        accepted.Should().Be(1_000);
        refused.Should().Be(1_000);
    }
}
