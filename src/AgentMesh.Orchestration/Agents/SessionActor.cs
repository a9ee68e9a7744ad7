using AgentMesh.Actors;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// One active session of an agent, a child of its agent actor. It keeps the session's time: it tells
/// its parent when the session has been idle for the policy's timeout, and when a retryable failure's
/// back-off is over. Stopping it (suspension, session end) cancels both. The durable facts of the
/// session (opened, closed, results) are the agent actor's.
/// </summary>
internal sealed class SessionActor(string sessionId, TimeSpan idleTimeout) : Actor
{
    private const string RetryTimer = "retry";

    protected override void PreStart() => Context.SetReceiveTimeout(idleTimeout);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case SessionActivity:
                // Any message resets the receive timeout; nothing else to do.
                break;
            case ScheduleRetry retry:
                Context.Timers.StartSingleTimer(RetryTimer, new RetryDue(sessionId, retry.MessageId), retry.Delay);
                break;
            case RetryDue due:
                Context.Parent.Tell(due);
                break;
            case ReceiveTimeout:
                Context.Parent.Tell(new SessionIdle(sessionId));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    internal sealed record SessionActivity
    {
        public static readonly SessionActivity Instance = new();
    }

    internal sealed record ScheduleRetry(long MessageId, TimeSpan Delay);

    internal sealed record RetryDue(string SessionId, long MessageId);

    internal sealed record SessionIdle(string SessionId);
}
