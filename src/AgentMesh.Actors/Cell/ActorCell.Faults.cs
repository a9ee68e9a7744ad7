using AgentMesh.Actors.Dispatch;
using AgentMesh.Actors.Supervision;

namespace AgentMesh.Actors;

internal sealed partial class ActorCell
{
    /// <summary>
    /// A handler or hook threw: suspend this actor and its children and ask the parent what to do.
    /// The failed message is not processed again.
    /// </summary>
    internal void HandleInvokeFailure(Exception cause)
    {
        if (_lifecycle is Lifecycle.Terminating or Lifecycle.Terminated)
        {
            Log.FailedWhileStopping(_system.Logger, cause, _path.ToString());
            return;
        }

        Log.ActorFailed(_system.Logger, cause, _path.ToString(), cause.GetType().Name);
        SuspendSelfAndChildren();
        if (_parent is not null)
        {
            _parent.SendSystemMessage(new Failed(this, cause));
        }
        else
        {
            BeginTerminate();
        }
    }

    private void HandleChildFailure(Failed failed)
    {
        if (!IsLiveChild(failed.Child) || _extras?.TerminatingChildren?.Contains(failed.Child) == true)
        {
            // A stale report from a child that is already going away.
            return;
        }

        var strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decide(failed.Cause);
        }
        catch (Exception ex)
        {
            Log.DeciderFailed(_system.Logger, ex, _path.ToString());
            directive = Directive.Escalate;
        }

        Log.SupervisorDecided(_system.Logger, _path.ToString(), failed.Child._path.ToString(), directive);
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystemMessage(new Resume());
                break;
            case Directive.Restart:
                var targets = strategy.AppliesToAllChildren ? ChildCells() : [failed.Child];
                foreach (var target in targets)
                {
                    if (RestartAllowed(strategy, target))
                    {
                        target.SendSystemMessage(new Recreate(failed.Cause));
                    }
                    else
                    {
                        Log.RestartLimitReached(_system.Logger, target._path.ToString(), strategy.MaxNrOfRetries, strategy.WithinTimeRange);
                        Stop(target);
                    }
                }

                break;
            case Directive.Stop:
                foreach (var target in strategy.AppliesToAllChildren ? ChildCells() : [failed.Child])
                {
                    Stop(target);
                }

                break;
            default:
                HandleInvokeFailure(failed.Cause);
                break;
        }
    }

    private bool RestartAllowed(SupervisorStrategy strategy, ActorCell child)
    {
        if (strategy.MaxNrOfRetries < 0)
        {
            return true;
        }

        var extras = Extras;
        lock (extras.ChildrenLock)
        {
            var stats = extras.RestartStats ??= [];
            if (!stats.TryGetValue(child, out var childStats))
            {
                childStats = new ChildRestartStats();
                stats.Add(child, childStats);
            }

            return childStats.RequestRestartPermission(strategy.MaxNrOfRetries, strategy.WithinTimeRange, _system.TimeProvider);
        }
    }
}
