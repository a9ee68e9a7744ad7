using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Sessions;
using AgentMesh.Orchestration.Watch;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    private bool CanNudge => _link is not null && !_record.Suspended && !_flap.IsFlapping;

    /// <summary>
    /// The periodic check-in: read the highest waiting id (a cheap read, no model call) and nudge only
    /// when it is strictly above the high-water mark of what was nudged or delivered. Nudges are for
    /// polling agents; a push agent is handed its messages, so its check-in only retries delivery.
    /// </summary>
    private void HandleWatchTick()
    {
        if (!_record.Known || !CanNudge)
        {
            return;
        }

        if (_deliveryMode == DeliveryMode.Push)
        {
            Pump();
            return;
        }

        var localHighest = WaitingHighest();
        if (_environment.InboxReader is not { } reader)
        {
            HandleInboxRead(new InboxHighWaterRead(localHighest, null));
            return;
        }

        var self = Self;
        _ = reader.ReadHighestAsync(_agent, localHighest, CancellationToken.None).ContinueWith(
            task => self.Tell(task.IsCompletedSuccessfully
                ? new InboxHighWaterRead(task.Result, null)
                : new InboxHighWaterRead(null, task.Exception?.GetBaseException() ?? new OperationCanceledException())),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleInboxRead(InboxHighWaterRead read)
    {
        if (!CanNudge)
        {
            return;
        }

        if (read.Failure is { } failure)
        {
            var degraded = _record.Nudge.OnInboxReadFailed();
            if (degraded.Kind == NudgeKind.DegradedNudge)
            {
                _degradedNudges++;
                _link!.Tell(new NudgeFrame(null, Degraded: true)); // CanNudge implies a link.
                Publish(new NudgeSent(_agent.Value, Now, null, Degraded: true));
            }

            if (degraded.RaiseAlert)
            {
                RaiseAlert(
                    AlertSeverity.Warning,
                    "inbox-unreadable",
                    $"The inbox of agent {_agent} could not be read {degraded.ConsecutiveFailures} times in a row ({failure.Message}); nudges are blind and backing off.",
                    new Dictionary<string, decimal> { ["consecutiveFailures"] = degraded.ConsecutiveFailures });
            }

            return;
        }

        var decision = _record.Nudge.OnInboxRead(read.Highest ?? 0);
        if (decision is { Kind: NudgeKind.Nudge, PendingUpTo: { } upTo })
        {
            PersistThen(new NudgeRecorded(upTo, Now), () =>
            {
                _link?.Tell(new NudgeFrame(upTo));
                Publish(new NudgeSent(_agent.Value, Now, upTo, Degraded: false));
            });
        }
    }

    /// <summary>The highest id among messages that wait to be handed over: not running, and not held by an open circuit.</summary>
    private long WaitingHighest()
    {
        var highest = 0L;
        foreach (var entry in _record.Pending.Values)
        {
            if (_inFlight.ContainsValue(entry.MessageId) ||
                (_record.Circuits.TryGetValue(entry.SessionKey, out var circuit) && circuit.State == CircuitState.Open))
            {
                continue;
            }

            highest = Math.Max(highest, entry.MessageId);
        }

        return highest;
    }
}
