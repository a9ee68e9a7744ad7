using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Sessions;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    private bool CanDeliver => _link is not null && !_record.Suspended && !_flap.IsFlapping;

    /// <summary>
    /// Hands waiting messages to the agent: at most one in flight per session key, into the one active
    /// session of that key, opening a session only when none is active and the spawn rate allows.
    /// Push agents get everything that can go; poll agents get what they fetch.
    /// </summary>
    private void Pump(PumpLimit? limit = null)
    {
        if (!CanDeliver || (_deliveryMode == DeliveryMode.Poll && limit is null))
        {
            return;
        }

        var budget = limit?.Max ?? int.MaxValue;

        // Oldest first across keys: a key's next message is the lowest waiting id above the fetch point.
        // The list is the actor's own, reused: a pump runs after every accepted message.
        var candidates = _pumpCandidates;
        candidates.Clear();
        foreach (var (key, ids) in _record.PendingByKey)
        {
            if (_inFlight.ContainsKey(key) || _opening.Contains(key))
            {
                continue;
            }

            var next = limit is null ? ids.Min : ids.FirstAfter(limit.After);
            if (next > 0)
            {
                candidates.Add(_record.Pending[next]);
            }
        }

        if (candidates.Count == 0)
        {
            return; // The common case under a backlog: every key's session is busy. No clock read.
        }

        var now = Now;
        candidates.Sort(static (a, b) => a.MessageId.CompareTo(b.MessageId));
        foreach (var entry in candidates)
        {
            if (budget <= 0)
            {
                break;
            }

            var key = entry.SessionKey;
            if (!_record.Sessions.TryGetValue(key, out var session))
            {
                if (_record.CircuitFor(key).State == CircuitState.Open)
                {
                    continue;
                }

                OpenSession(key, now, limit);
                continue;
            }

            if (!_record.CircuitFor(key).TryPass(now))
            {
                continue;
            }

            Deliver(entry, session);
            budget--;
        }
    }

    private void OpenSession(string key, DateTimeOffset now, PumpLimit? limit)
    {
        // Sessions still being persisted count too: one pump can open several keys before the first
        // SessionOpened is applied, and without them a backlog of keys would all pass the limit at once.
        if (_record.Spawns.CountAt(now) + _opening.Count >= _policy.Session.MaxSpawns)
        {
            var next = _record.Spawns.NextAllowedAt(now);
            if (!Context.Timers.IsTimerActive(SpawnTimer))
            {
                Publish(new SpawnThrottled(_agent.Value, now, key, next));
                RaiseAlert(
                    AlertSeverity.Warning,
                    "spawn-throttled",
                    $"Agent {_agent} reached {_policy.Session.MaxSpawns} new sessions within {_policy.Session.SpawnWindow.TotalMinutes:0.#} min; messages for '{key}' wait until {next:u}.");
                Context.Timers.StartSingleTimer(SpawnTimer, SpawnAllowed.Instance, next > now ? next - now : TimeSpan.Zero);
            }

            return;
        }

        _opening.Add(key);
        var sessionId = SessionId.New().Value;
        PersistThen(new SessionOpened(sessionId, key, now), () =>
        {
            _opening.Remove(key);
            StartSessionActor(sessionId);
            Publish(new SessionSpawned(_agent.Value, now, sessionId, key));
            Pump(limit);
        });
    }

    private void Deliver(InboxEntry entry, OpenSession session)
    {
        _inFlight[entry.SessionKey] = entry.MessageId;
        _record.Nudge.OnDelivered(entry.MessageId);
        _link!.Tell(new DeliverFrame(session.SessionId, entry.MessageId, entry.From, entry.Body, entry.SessionKey)); // CanDeliver implies a link.
        if (_sessionActors.TryGetValue(session.SessionId, out var actor))
        {
            actor.Tell(SessionActor.SessionActivity.Instance);
        }
    }

    private void HandleResult(RunResultReport result)
    {
        if (!_record.Pending.TryGetValue(result.MessageId, out var entry) ||
            !_inFlight.TryGetValue(entry.SessionKey, out var inFlight) || inFlight != result.MessageId ||
            _waitingRetry.Contains(result.MessageId))
        {
            // A result for a message that is not running (already recorded, or from a replaced process): ignore it.
            return;
        }

        var now = Now;
        var key = entry.SessionKey;
        var circuit = _record.CircuitFor(key);
        var wasOpen = circuit.State == CircuitState.Open;
        if (result.Ok)
        {
            _inFlight.Remove(key);
            PersistThen(new RunRecorded(result.Session.Value, result.MessageId, true, false, true, null, now), () =>
            {
                if (wasOpen && circuit.State != CircuitState.Open)
                {
                    Publish(new CircuitChanged(_agent.Value, now, key, Open: false, 0));
                }

                Pump();
            });
            return;
        }

        var retryDelay = TimeSpan.Zero;
        var final = !result.Retryable || !_backoff.TryGetDelay(entry.Attempts + 1, out retryDelay);
        if (final)
        {
            _inFlight.Remove(key);
        }
        else
        {
            // The key stays blocked while the run backs off: the next message of this conversation waits its turn.
            _waitingRetry.Add(result.MessageId);
        }

        PersistThen(new RunRecorded(result.Session.Value, result.MessageId, false, result.Retryable, final, result.Error, now), () =>
        {
            Publish(new RunFailed(_agent.Value, now, result.MessageId, key, result.Retryable, final, result.Error));
            if (!final)
            {
                if (_record.Sessions.TryGetValue(key, out var session) && _sessionActors.TryGetValue(session.SessionId, out var actor))
                {
                    actor.Tell(new SessionActor.ScheduleRetry(result.MessageId, retryDelay));
                }
                else
                {
                    Self.Tell(new SessionActor.RetryDue(result.Session.Value, result.MessageId));
                }

                return;
            }

            if (!wasOpen && circuit.State == CircuitState.Open)
            {
                Publish(new CircuitChanged(_agent.Value, now, key, Open: true, circuit.ConsecutiveFailures));
                RaiseAlert(
                    AlertSeverity.Warning,
                    "circuit-open",
                    $"Agent {_agent}: session key '{key}' failed {circuit.ConsecutiveFailures} times in a row with non-retryable errors; further messages are refused until an operator resets it. Last error: {result.Error}",
                    new Dictionary<string, decimal> { ["consecutiveFailures"] = circuit.ConsecutiveFailures });
            }

            Pump();
        });
    }

    private void HandleRetryDue(SessionActor.RetryDue due)
    {
        if (!_waitingRetry.Remove(due.MessageId))
        {
            return;
        }

        if (_record.Pending.TryGetValue(due.MessageId, out var entry) &&
            _inFlight.TryGetValue(entry.SessionKey, out var inFlight) && inFlight == due.MessageId)
        {
            _inFlight.Remove(entry.SessionKey);
        }

        Pump();
    }

    private void HandleSessionEnded(SessionEndedReport ended)
    {
        if (_record.Sessions.Values.FirstOrDefault(s => s.SessionId == ended.Session.Value) is not { } session)
        {
            return;
        }

        CloseSessions([session], string.IsNullOrWhiteSpace(ended.Reason) ? "ended-by-agent" : ended.Reason, tellAgent: false, then: () => Pump());
    }

    private void HandleSessionIdle(SessionActor.SessionIdle idle)
    {
        if (_record.Sessions.Values.FirstOrDefault(s => s.SessionId == idle.SessionId) is not { } session ||
            _inFlight.ContainsKey(session.SessionKey) ||
            _record.PendingByKey.ContainsKey(session.SessionKey))
        {
            return;
        }

        CloseSessions([session], "idle", tellAgent: true);
    }

    /// <summary>Closes sessions durably, stops their actors, and (when <paramref name="tellAgent"/>) sends <c>stop-session</c>.</summary>
    private void CloseSessions(IReadOnlyList<OpenSession> sessions, string reason, bool tellAgent, Action? then = null, IReadOnlyList<IAgentEvent>? before = null)
    {
        var now = Now;
        var events = new List<IAgentEvent>(before ?? []);
        events.AddRange(sessions.Select(s => new SessionClosed(s.SessionId, reason, now)));
        foreach (var session in sessions)
        {
            _inFlight.Remove(session.SessionKey);
        }

        PersistThen(events, () =>
        {
            foreach (var session in sessions)
            {
                StopSessionActor(session.SessionId);
                if (tellAgent)
                {
                    _link?.Tell(new StopSessionFrame(session.SessionId, reason));
                }

                Publish(new SessionEnded(_agent.Value, now, session.SessionId, reason));
            }

            then?.Invoke();
        });
    }
}
