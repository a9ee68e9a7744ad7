using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Sessions;

/// <summary>
/// The circuit of one (agent, session key). Non-retryable failures count up; at
/// <see cref="CircuitPolicy.FailureThreshold"/> in a row the circuit opens and messages are
/// refused. A success sets the count back to 0 and closes the circuit; <see cref="Reset"/> (the
/// operator's <c>reset</c>) does the same. Retryable failures are retried with back-off and
/// neither count nor reset the count, so failures that alternate between the two kinds still open
/// the circuit. With <see cref="CircuitPolicy.HalfOpenAfter"/> set, an open circuit lets one probe
/// through after that cool-down; the probe's success closes it, any failure of it opens it again.
/// </summary>
/// <remarks>Single-threaded (owned by the agent's actor); every call is O(1) and allocation-free.</remarks>
public sealed class CircuitBreaker
{
    private readonly CircuitPolicy _policy;

    public CircuitBreaker(CircuitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the circuit (last) opened; <see langword="null"/> when closed.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    public bool ProbeInFlight { get; private set; }

    public CircuitState State =>
        OpenedAt is null ? CircuitState.Closed : ProbeInFlight ? CircuitState.HalfOpen : CircuitState.Open;

    /// <summary>When an open circuit will let a probe through; <see langword="null"/> when it will not.</summary>
    public DateTimeOffset? ProbeDueAt =>
        OpenedAt is { } opened && !ProbeInFlight && _policy.HalfOpenAfter is { } after ? opened + after : null;

    public static CircuitBreaker Restore(CircuitPolicy policy, CircuitBreakerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new CircuitBreaker(policy)
        {
            ConsecutiveFailures = snapshot.ConsecutiveFailures,
            OpenedAt = snapshot.OpenedAt,
            ProbeInFlight = snapshot.OpenedAt is not null && snapshot.ProbeInFlight,
        };
    }

    /// <summary>
    /// Whether a message may go to the session at <paramref name="now"/>. When an open circuit's
    /// probe is due, the message that asks is let through as the probe and the circuit is half-open.
    /// </summary>
    public bool TryPass(DateTimeOffset now)
    {
        if (OpenedAt is null)
        {
            return true;
        }

        if (ProbeDueAt is { } due && now >= due)
        {
            ProbeInFlight = true;
            return true;
        }

        return false;
    }

    public CircuitChange RecordSuccess()
    {
        ConsecutiveFailures = 0;
        return Close();
    }

    public CircuitChange RecordFailure(bool retryable, DateTimeOffset now)
    {
        if (!retryable)
        {
            ConsecutiveFailures++;
        }

        if (ProbeInFlight || (OpenedAt is null && ConsecutiveFailures >= _policy.FailureThreshold))
        {
            ProbeInFlight = false;
            OpenedAt = now;
            return CircuitChange.Opened;
        }

        return CircuitChange.None;
    }

    /// <summary>The operator's reset: clears the count and closes the circuit.</summary>
    public CircuitChange Reset()
    {
        ConsecutiveFailures = 0;
        return Close();
    }

    public CircuitBreakerSnapshot ToSnapshot() => new(ConsecutiveFailures, OpenedAt, ProbeInFlight);

    private CircuitChange Close()
    {
        var wasOpen = OpenedAt is not null;
        OpenedAt = null;
        ProbeInFlight = false;
        return wasOpen ? CircuitChange.Closed : CircuitChange.None;
    }
}
