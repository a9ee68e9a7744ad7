namespace AgentMesh.Actors.Supervision;

/// <summary>Restarts of one child within the current window.</summary>
internal sealed class ChildRestartStats
{
    private int _restarts;
    private long _windowStart;

    /// <summary>Counts a restart; false when it would exceed <paramref name="maxRetries"/> within the window.</summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan? within, TimeProvider time)
    {
        if (maxRetries == 0)
        {
            return false;
        }

        if (within is null)
        {
            return ++_restarts <= maxRetries;
        }

        var now = time.GetTimestamp();
        if (_restarts == 0 || time.GetElapsedTime(_windowStart, now) > within.Value)
        {
            // A new window starts with this restart.
            _windowStart = now;
            _restarts = 1;
            return true;
        }

        return ++_restarts <= maxRetries;
    }
}
