using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Sessions;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Sessions;

public sealed class SpawnRateLimiterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly SpawnRateLimiter _limiter = new(new SessionPolicy());

    [Fact]
    public void SpawnRateLimiter_AllowsSixSpawnsInTenMinutes_AndRefusesTheSeventh()
    {
        for (var i = 0; i < 6; i++)
        {
            _limiter.TryAcquire(Seconds(i * 10)).Should().BeTrue();
        }

        _limiter.TryAcquire(Seconds(60)).Should().BeFalse();
        _limiter.CountAt(Seconds(60)).Should().Be(6);
        _limiter.NextAllowedAt(Seconds(60)).Should().Be(At(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void SpawnRateLimiter_FreesASlot_ExactlyTenMinutesAfterTheOldestSpawn()
    {
        for (var i = 0; i < 6; i++)
        {
            _limiter.TryAcquire(Seconds(i * 10));
        }

        _limiter.TryAcquire(At(TimeSpan.FromMinutes(10)) - Tick).Should().BeFalse();
        _limiter.TryAcquire(At(TimeSpan.FromMinutes(10))).Should().BeTrue();
        _limiter.TryAcquire(At(TimeSpan.FromMinutes(10))).Should().BeFalse();
        _limiter.NextAllowedAt(At(TimeSpan.FromMinutes(10))).Should().Be(At(TimeSpan.FromMinutes(10)) + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void SpawnRateLimiter_RefusedAttempts_DoNotCount()
    {
        var limiter = new SpawnRateLimiter(new SessionPolicy { MaxSpawns = 1, SpawnWindow = TimeSpan.FromMinutes(1) });
        limiter.TryAcquire(T0);

        for (var i = 1; i < 60; i++)
        {
            limiter.TryAcquire(Seconds(i)).Should().BeFalse();
        }

        limiter.TryAcquire(Seconds(60)).Should().BeTrue();
    }

    [Fact]
    public void SpawnRateLimiter_NextAllowedAt_IsNow_WhenThereIsRoom()
    {
        _limiter.NextAllowedAt(T0).Should().Be(T0);
    }

    [Fact]
    public void SpawnRateLimiter_Restore_KeepsCountingTheSnapshotSpawns()
    {
        for (var i = 0; i < 6; i++)
        {
            _limiter.TryAcquire(Seconds(i));
        }

        var snapshot = _limiter.ToSnapshot();
        var restored = SpawnRateLimiter.Restore(new SessionPolicy(), snapshot);

        snapshot.Spawns.Should().HaveCount(6).And.StartWith(T0);
        restored.TryAcquire(Seconds(30)).Should().BeFalse();
        restored.TryAcquire(At(TimeSpan.FromMinutes(10))).Should().BeTrue();
    }
}
