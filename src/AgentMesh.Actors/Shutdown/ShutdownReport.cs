namespace AgentMesh.Actors.Shutdown;

/// <summary>What a coordinated shutdown did; <see cref="Completed"/> is true when nothing timed out or failed.</summary>
public sealed record ShutdownReport(
    string Reason,
    IReadOnlyList<string> TimedOutPhases,
    IReadOnlyList<string> FailedTasks,
    IReadOnlyList<string> ActorsNotStopped)
{
    public bool Completed => TimedOutPhases.Count == 0 && FailedTasks.Count == 0 && ActorsNotStopped.Count == 0;
}
