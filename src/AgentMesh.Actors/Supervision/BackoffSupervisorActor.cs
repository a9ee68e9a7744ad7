using static AgentMesh.Actors.Supervision.BackoffSupervisor;

namespace AgentMesh.Actors.Supervision;

internal sealed class BackoffSupervisorActor(BackoffOptions options) : Actor
{
    private const string RestartTimer = "backoff-restart";
    private const string ResetTimer = "backoff-reset";

    private IActorRef? _child;
    private int _restartCount;
    private bool _childFailed;

    protected override void PreStart() => StartChild();

    /// <summary>A failed child is stopped (the decider runs on this actor's turn, so it may note the failure) and restarted after a delay.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(decider: _ =>
        {
            _childFailed = true;
            return Directive.Stop;
        });

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated when ReferenceEquals(terminated.Actor, _child):
                _child = null;
                Context.Timers.Cancel(ResetTimer);
                var failed = _childFailed;
                _childFailed = false;
                if ((options.Mode == BackoffMode.OnFailure && !failed) ||
                    (options.MaxRestarts >= 0 && _restartCount >= options.MaxRestarts))
                {
                    Context.Stop(Self);
                    return;
                }

                Context.Timers.StartSingleTimer(RestartTimer, StartChildNow.Instance, options.DelayFor(_restartCount));
                _restartCount++;
                break;
            case StartChildNow:
                StartChild();
                break;
            case ResetRestartCount:
                _restartCount = 0;
                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount), Self);
                break;
            default:
                if (_child is not null)
                {
                    _child.Tell(message, Sender);
                }
                else
                {
                    Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self));
                }

                break;
        }
    }

    private void StartChild()
    {
        _child = Context.Watch(Context.Spawn(options.ChildProps, options.ChildName));
        Context.Timers.StartSingleTimer(ResetTimer, ResetRestartCount.Instance, options.EffectiveResetAfter);
    }

    private sealed record StartChildNow
    {
        public static readonly StartChildNow Instance = new();
    }

    private sealed record ResetRestartCount
    {
        public static readonly ResetRestartCount Instance = new();
    }
}
