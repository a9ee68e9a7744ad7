using AgentMesh.Actors;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Sessions;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    /// <summary>True (and answered with <see cref="AgentUnknown"/>) for an id that never connected and is not configured.</summary>
    private bool RefuseUnknown()
    {
        if (_record.Known || IsConfigured)
        {
            return false;
        }

        Sender.Tell(new AgentUnknown(_agent.Value));
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        return true;
    }

    /// <summary>Durable suspension: sessions stop (the runaway children), the inbox is held, only resume lifts it.</summary>
    private void HandleSuspend(SuspendAgent suspend)
    {
        if (RefuseUnknown())
        {
            return;
        }

        if (_record.Suspended)
        {
            Sender.Tell(new OperatorDone(ComputeState()));
            return;
        }

        var now = Now;
        var source = suspend.Source == SuspensionSource.Budget ? "budget" : "operator";
        var sessions = _record.Sessions.Values.ToList();
        _waitingRetry.Clear();
        CloseSessions(
            sessions,
            source,
            tellAgent: true,
            before: [new AgentSuspended(suspend.Reason, source, now)],
            then: () =>
            {
                _inFlight.Clear();
                _link?.Tell(new SuspendedFrame(suspend.Reason));
                RaiseAlert(
                    suspend.Source == SuspensionSource.Budget ? AlertSeverity.Critical : AlertSeverity.Info,
                    "agent-suspended",
                    $"Agent {_agent} suspended by {source}: {suspend.Reason}. {sessions.Count} session(s) stopped; its inbox is held until an operator resumes it.");
                Sender.Tell(new OperatorDone(ComputeState()));
            });
    }

    private void HandleResume()
    {
        if (RefuseUnknown())
        {
            return;
        }

        if (!_record.Suspended)
        {
            Sender.Tell(new OperatorDone(ComputeState()));
            return;
        }

        PersistThen(new AgentResumed(Now), () =>
        {
            _link?.Tell(ResumedFrame.Instance);
            Sender.Tell(new OperatorDone(ComputeState()));
            MaybeWelcome();
            Pump();
        });
    }

    private void HandleReset()
    {
        if (RefuseUnknown())
        {
            return;
        }

        var now = Now;
        var open = _record.Circuits.Where(c => c.Value.State != CircuitState.Closed || c.Value.ConsecutiveFailures > 0).Select(c => c.Key).ToList();
        PersistThen(new CircuitsReset(now), () =>
        {
            foreach (var key in open)
            {
                Publish(new CircuitChanged(_agent.Value, now, key, Open: false, 0));
            }

            Sender.Tell(new OperatorDone(ComputeState()));
            Pump();
        });
    }

    private void HandleGetView()
    {
        if (RefuseUnknown())
        {
            return;
        }

        Sender.Tell(BuildView());
    }

    private AgentView BuildView()
    {
        var pendingByKey = _record.Pending.Values.GroupBy(e => e.SessionKey).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sessions = _record.Sessions.Values
            .Select(s => new SessionView(
                s.SessionId,
                s.SessionKey,
                s.OpenedAt,
                _inFlight.TryGetValue(s.SessionKey, out var inFlight) ? inFlight : null,
                pendingByKey.GetValueOrDefault(s.SessionKey)))
            .ToList();
        var circuits = _record.Circuits
            .Select(c => new CircuitView(c.Key, c.Value.State.ToString().ToLowerInvariant(), c.Value.ConsecutiveFailures, c.Value.OpenedAt))
            .ToList();
        var counters = new AgentCounters(
            _record.Incarnations,
            _record.WelcomesSent,
            _record.LinkTransitions,
            _record.DuplicatesDropped,
            _record.MessagesAccepted,
            _record.SessionsSpawned,
            _record.Sessions.Count,
            _record.NudgesSent + _degradedNudges,
            _record.Circuits.Count == 0 ? 0 : _record.Circuits.Values.Max(c => c.ConsecutiveFailures),
            _record.InputTokens,
            _record.CachedInputTokens,
            _record.OutputTokens,
            _record.CostUsd);
        return new AgentView(
            _agent.Value,
            ComputeState().ToWire(),
            _record.Incarnation,
            _environment.NodeName,
            _link is null ? "down" : "up",
            _record.SuspendReason,
            counters,
            sessions,
            circuits,
            _record.LastMessageId,
            _record.Nudge.HighWaterMark,
            _record.Pending.Count,
            [.. _recent.Select(notice => new AgentEventView(notice.At, notice.Kind, notice.Detail))]);
    }
}
