using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ReferenceEquals(actor, this) || actor is not IInternalActorRef target)
        {
            return actor;
        }

        if ((Extras.Watching ??= []).Add(actor))
        {
            target.SendSystemMessage(new Watch(target, this));
        }

        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_extras?.Watching?.Remove(actor) == true && actor is IInternalActorRef target)
        {
            target.SendSystemMessage(new Unwatch(target, this));
        }

        return actor;
    }

    private void AddWatcher(Watch watch)
    {
        if (ReferenceEquals(watch.Watchee, this) && !ReferenceEquals(watch.Watcher, this))
        {
            (Extras.WatchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void RemoveWatcher(Unwatch unwatch)
    {
        if (ReferenceEquals(unwatch.Watchee, this))
        {
            _extras?.WatchedBy?.Remove(unwatch.Watcher);
        }
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        if (notification.Actor is ActorCell cell && ReferenceEquals(cell._parent, this))
        {
            HandleChildTerminated(cell);
        }

        if (_extras?.Watching?.Contains(notification.Actor) == true && _lifecycle != Lifecycle.Terminating)
        {
            // Through the user queue, so it comes after every message the dead actor sent us; it is
            // delivered only if we still watch it then, which makes it exactly once.
            Tell(new Terminated(notification.Actor, notification.ExistenceConfirmed), notification.Actor);
        }
    }
}
