using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Sessions;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Sessions;

public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly CircuitBreaker _breaker = new(new CircuitPolicy());

    [Fact]
    public void CircuitBreaker_Opens_OnTheThirdConsecutiveNonRetryableFailure()
    {
        _breaker.RecordFailure(retryable: false, T0).Should().Be(CircuitChange.None);
        _breaker.RecordFailure(retryable: false, Seconds(1)).Should().Be(CircuitChange.None);
        _breaker.TryPass(Seconds(1)).Should().BeTrue();

        _breaker.RecordFailure(retryable: false, Seconds(2)).Should().Be(CircuitChange.Opened);

        _breaker.State.Should().Be(CircuitState.Open);
        _breaker.OpenedAt.Should().Be(Seconds(2));
        _breaker.ConsecutiveFailures.Should().Be(3);
        _breaker.TryPass(At(TimeSpan.FromDays(1))).Should().BeFalse();
        _breaker.ProbeDueAt.Should().BeNull();
    }

    [Fact]
    public void CircuitBreaker_Success_SetsTheCountBackToZero()
    {
        _breaker.RecordFailure(retryable: false, T0);
        _breaker.RecordFailure(retryable: false, T0);
        _breaker.RecordSuccess().Should().Be(CircuitChange.None);
        _breaker.RecordFailure(retryable: false, T0);

        _breaker.RecordFailure(retryable: false, T0).Should().Be(CircuitChange.None);

        _breaker.ConsecutiveFailures.Should().Be(2);
        _breaker.State.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public void CircuitBreaker_RetryableFailures_NeitherCountNorReset()
    {
        _breaker.RecordFailure(retryable: false, T0);
        _breaker.RecordFailure(retryable: true, T0);
        _breaker.RecordFailure(retryable: false, T0);
        _breaker.RecordFailure(retryable: true, T0).Should().Be(CircuitChange.None);

        _breaker.RecordFailure(retryable: false, T0).Should().Be(CircuitChange.Opened);
    }

    [Fact]
    public void CircuitBreaker_Reset_ClosesAnOpenCircuit()
    {
        OpenAt(T0);

        _breaker.Reset().Should().Be(CircuitChange.Closed);

        _breaker.State.Should().Be(CircuitState.Closed);
        _breaker.ConsecutiveFailures.Should().Be(0);
        _breaker.TryPass(Seconds(1)).Should().BeTrue();
        _breaker.Reset().Should().Be(CircuitChange.None);
    }

    [Fact]
    public void CircuitBreaker_FailuresWhileOpen_KeepItOpenWithoutReopening()
    {
        OpenAt(T0);

        _breaker.RecordFailure(retryable: false, Seconds(5)).Should().Be(CircuitChange.None);

        _breaker.OpenedAt.Should().Be(T0);
        _breaker.ConsecutiveFailures.Should().Be(4);
    }

    [Fact]
    public void CircuitBreaker_HalfOpen_LetsOneProbeThrough_ExactlyAfterTheCoolDown()
    {
        var breaker = new CircuitBreaker(new CircuitPolicy { HalfOpenAfter = TimeSpan.FromMinutes(5) });
        Open(breaker, T0);

        breaker.ProbeDueAt.Should().Be(At(TimeSpan.FromMinutes(5)));
        breaker.TryPass(At(TimeSpan.FromMinutes(5)) - Tick).Should().BeFalse();
        breaker.TryPass(At(TimeSpan.FromMinutes(5))).Should().BeTrue();

        breaker.State.Should().Be(CircuitState.HalfOpen);
        breaker.TryPass(At(TimeSpan.FromMinutes(6))).Should().BeFalse();
    }

    [Fact]
    public void CircuitBreaker_HalfOpenProbe_ClosesOnSuccess()
    {
        var breaker = new CircuitBreaker(new CircuitPolicy { HalfOpenAfter = TimeSpan.FromMinutes(5) });
        Open(breaker, T0);
        breaker.TryPass(At(TimeSpan.FromMinutes(5)));

        breaker.RecordSuccess().Should().Be(CircuitChange.Closed);

        breaker.State.Should().Be(CircuitState.Closed);
        breaker.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public void CircuitBreaker_HalfOpenProbe_ReopensForAnotherCoolDownOnAnyFailure()
    {
        var breaker = new CircuitBreaker(new CircuitPolicy { HalfOpenAfter = TimeSpan.FromMinutes(5) });
        Open(breaker, T0);
        breaker.TryPass(At(TimeSpan.FromMinutes(5)));

        breaker.RecordFailure(retryable: true, At(TimeSpan.FromMinutes(6))).Should().Be(CircuitChange.Opened);

        breaker.State.Should().Be(CircuitState.Open);
        breaker.ProbeDueAt.Should().Be(At(TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void CircuitBreaker_Restore_KeepsTheCircuitOpen()
    {
        var policy = new CircuitPolicy { HalfOpenAfter = TimeSpan.FromMinutes(5) };
        var breaker = new CircuitBreaker(policy);
        Open(breaker, T0);
        breaker.TryPass(At(TimeSpan.FromMinutes(5)));

        var snapshot = breaker.ToSnapshot();
        var restored = CircuitBreaker.Restore(policy, snapshot);

        snapshot.Should().Be(new CircuitBreakerSnapshot(3, T0, true));
        restored.State.Should().Be(CircuitState.HalfOpen);
        restored.TryPass(At(TimeSpan.FromMinutes(7))).Should().BeFalse();
        restored.RecordSuccess().Should().Be(CircuitChange.Closed);
    }

    private static void Open(CircuitBreaker breaker, DateTimeOffset at)
    {
        breaker.RecordFailure(retryable: false, at);
        breaker.RecordFailure(retryable: false, at);
        breaker.RecordFailure(retryable: false, at).Should().Be(CircuitChange.Opened);
    }

    private void OpenAt(DateTimeOffset at) => Open(_breaker, at);
}
