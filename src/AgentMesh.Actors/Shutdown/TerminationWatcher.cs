using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors.Shutdown;

/// <summary>A ref that only watches one actor and completes a task when it has stopped.</summary>
internal sealed class TerminationWatcher : IInternalActorRef
{
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TerminationWatcher(IInternalActorRef target)
    {
        Path = target.System.TemporaryPath.Child("watch-" + target.Path.Name, 0);
        System = target.System;
    }

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public bool IsTerminated => _stopped.Task.IsCompleted;

    public static Task WhenStopped(IInternalActorRef target)
    {
        var watcher = new TerminationWatcher(target);
        target.SendSystemMessage(new Watch(target, watcher));
        return watcher._stopped.Task;
    }

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            _stopped.TrySetResult();
        }
    }
}
