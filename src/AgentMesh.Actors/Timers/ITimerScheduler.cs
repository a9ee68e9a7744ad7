namespace AgentMesh.Actors.Timers;

/// <summary>
/// Keyed timers that send a message to the actor itself. Starting a timer with a key in use replaces
/// it; a cancelled or replaced timer never delivers, even if its tick was already in the mailbox.
/// All timers are cancelled when the actor stops or restarts. Time comes from the system's
/// <see cref="TimeProvider"/>, so tests drive them with a manual clock.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
