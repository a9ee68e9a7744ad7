namespace AgentMesh.Actors.Dispatch;

/// <summary>Restarts the actor: PreRestart on the failed instance, a fresh instance, PostRestart; the mailbox is kept.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}
