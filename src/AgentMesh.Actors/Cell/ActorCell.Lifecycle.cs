using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors;

internal sealed partial class ActorCell
{
    /// <summary>Queues the first turn of a new cell; the actor instance is made on that turn.</summary>
    internal void Start() => SendSystemMessage(new Create());

    private void ProcessSystemMessages()
    {
        // New messages may arrive while these are handled (e.g. a child's end); loop until none are left.
        for (var message = SystemMessageList.TakeAll(ref _systemHead);
             message is not null;
             message = SystemMessageList.TakeAll(ref _systemHead))
        {
            while (message is not null)
            {
                var next = message.Next;
                message.Next = null;
                if (_lifecycle != Lifecycle.Terminated)
                {
                    HandleSystemMessage(message);
                }
                else
                {
                    // Taken in the same batch as the message that stopped us: answer as a dead actor.
                    HandleSystemMessageWhenDead(message);
                }

                message = next;
            }
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                CreateInstance(recreateCause: null);
                break;
            case Recreate recreate:
                BeginRecreate(recreate.Cause);
                break;
            case Suspend:
                SuspendSelfAndChildren();
                break;
            case Resume:
                ResumeSelfAndChildren();
                break;
            case Terminate:
                BeginTerminate();
                break;
            case Watch watch:
                AddWatcher(watch);
                break;
            case Unwatch unwatch:
                RemoveWatcher(unwatch);
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification);
                break;
            case Failed failed:
                HandleChildFailure(failed);
                break;
        }
    }

    /// <summary>Makes a fresh actor instance (first start or restart) and runs its start hook.</summary>
    private void CreateInstance(Exception? recreateCause)
    {
        var previous = s_creating;
        s_creating = this;
        try
        {
            _actor = _props.Factory() ?? throw new InvalidOperationException($"The props factory of {_path} returned null.");
        }
        catch (Exception ex)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException(_path.ToString(), ex));
            return;
        }
        finally
        {
            s_creating = previous;
        }

        try
        {
            if (recreateCause is null)
            {
                _actor.InvokePreStart();
            }
            else
            {
                _actor.InvokePostRestart(recreateCause);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(new ActorInitializationException(_path.ToString(), ex));
            return;
        }

        if (_lifecycle == Lifecycle.Terminating)
        {
            // The start hook stopped the actor itself.
            return;
        }

        _lifecycle = Lifecycle.Running;
        if (recreateCause is not null)
        {
            // A restart ends the suspension its failure started; children that survived resume too.
            Volatile.Write(ref _suspendCount, 0);
            ResumeChildren();
        }
    }

    private void BeginRecreate(Exception cause)
    {
        if (_lifecycle is Lifecycle.Terminating or Lifecycle.Terminated)
        {
            return;
        }

        if (_actor is null)
        {
            // Failed before an instance existed: nothing to tear down.
            CreateInstance(cause);
            return;
        }

        var extras = Extras;
        var failedMessage = extras.FailedMessage;
        extras.FailedMessage = null;
        CancelTimersAndReceiveTimeout();
        UnstashAllInternal();
        try
        {
            _actor.InvokePreRestart(cause, failedMessage);
        }
        catch (Exception ex)
        {
            Log.HookFailed(_system.Logger, ex, _path.ToString(), "PreRestart");
        }

        _behavior = null;
        extras.BehaviorStack?.Clear();
        _actor = null;
        if (extras.TerminatingChildren is { Count: > 0 })
        {
            _lifecycle = Lifecycle.Recreating;
            extras.PendingRecreateCause = cause;
        }
        else
        {
            CreateInstance(cause);
        }
    }

    private void BeginTerminate()
    {
        if (_lifecycle is Lifecycle.Terminating or Lifecycle.Terminated)
        {
            return;
        }

        _lifecycle = Lifecycle.Terminating;
        CancelTimersAndReceiveTimeout();
        if (StopAllChildren() == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.InvokePostStop();
        }
        catch (Exception ex)
        {
            Log.HookFailed(_system.Logger, ex, _path.ToString(), "PostStop");
        }

        _lifecycle = Lifecycle.Terminated;
        Interlocked.Or(ref _status, Dead);

        // Whatever raced in before the close is answered as by a dead actor.
        for (var late = SystemMessageList.Close(ref _systemHead); late is not null;)
        {
            var next = late.Next;
            late.Next = null;
            if (late is not Terminate and not Create)
            {
                HandleSystemMessageWhenDead(late);
            }

            late = next;
        }

        if (_extras is { } extras)
        {
            if (extras.WatchedBy is { } watchers)
            {
                foreach (var watcher in watchers)
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
                }
            }

            if (extras.Watching is { } watching)
            {
                foreach (var watched in watching)
                {
                    (watched as IInternalActorRef)?.SendSystemMessage(new Unwatch((IInternalActorRef)watched, this));
                }
            }
        }

        DrainToDeadLetters();
        _actor = null;
        _behavior = null;
        _extras = null;
        _sender = Nobody.Instance;
        if (_parent is not null)
        {
            _parent.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }
        else
        {
            _system.RootTerminated();
        }
    }

    private void HandleSystemMessageWhenDead(SystemMessage message)
    {
        if (message is Watch watch && !ReferenceEquals(watch.Watcher, this))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: true));
        }
    }

    private void SuspendSelfAndChildren()
    {
        _suspendCount++;
        foreach (var child in ChildCells())
        {
            child.SendSystemMessage(new Suspend());
        }
    }

    private void ResumeSelfAndChildren()
    {
        if (_suspendCount > 0)
        {
            Volatile.Write(ref _suspendCount, _suspendCount - 1);
        }

        ResumeChildren();
    }

    private void ResumeChildren()
    {
        foreach (var child in ChildCells())
        {
            child.SendSystemMessage(new Resume());
        }
    }

    private void CancelTimersAndReceiveTimeout()
    {
        if (_extras is not { } extras)
        {
            return;
        }

        extras.Timers?.CancelAll();
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = null;
        extras.ReceiveTimeout = null;
    }
}
