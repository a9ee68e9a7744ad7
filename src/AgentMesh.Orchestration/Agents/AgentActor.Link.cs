using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Links;
using AgentMesh.Orchestration.Rooms;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    private static readonly TimeSpan FlapAlertInterval = TimeSpan.FromHours(1);

    private DateTimeOffset? _lastFlapAlertAt;
    private long _flapEpisodes;

    private void HandleHello(AgentHello hello)
    {
        var now = Now;
        if (_link is not null && !ReferenceEquals(_link, hello.Link))
        {
            // A second live connection replaces the first (spec: the first is closed with 4000).
            _link.Tell(LinkReplacedFrame.Instance);
            RecordTransition(LinkTransition.Down, now);
        }

        _link = hello.Link;
        _deliveryMode = hello.Labels is { } labels && labels.TryGetValue("delivery", out var mode) &&
            string.Equals(mode, "poll", StringComparison.OrdinalIgnoreCase) ? DeliveryMode.Poll : DeliveryMode.Push;
        _helloContextTokens = hello.ContextTokens;
        JoinRooms(hello.Labels);
        RecordTransition(LinkTransition.Up, now);
        Publish(new LinkChanged(_agent.Value, now, Up: true, hello.Incarnation.Value));

        var events = new List<IAgentEvent>();
        if (!_record.Known)
        {
            events.Add(new AgentRegistered(now));
        }

        if (_record.Incarnation != hello.Incarnation.Value)
        {
            // A new process: the sessions of the previous one are gone with it, and so are its in-flight runs.
            foreach (var session in _record.Sessions.Values)
            {
                events.Add(new SessionClosed(session.SessionId, "incarnation-changed", now));
            }

            events.Add(new IncarnationStarted(hello.Incarnation.Value, now));
            _inFlight.Clear();
            _waitingRetry.Clear();
        }

        var link = hello.Link;
        var registering = !_record.Known;
        PersistThen(events, () =>
        {
            if (registering)
            {
                _environment.Directory?.Tell(new AgentDirectoryActor.AgentSeen(_agent.Value));
            }

            foreach (var closed in events.OfType<SessionClosed>())
            {
                StopSessionActor(closed.SessionId);
            }

            if (!ReferenceEquals(_link, link))
            {
                return;
            }

            link.Tell(new HelloOkFrame(_environment.NodeName, ComputeState(), _record.LastMessageId));
            if (_record.Suspended)
            {
                link.Tell(new SuspendedFrame(_record.SuspendReason ?? "suspended"));
                return;
            }

            MaybeWelcome();
            Pump();
        });
    }

    /// <summary>An agent joins the rooms its hello names: <c>"labels":{"rooms":"design,ops"}</c>.</summary>
    private void JoinRooms(IReadOnlyDictionary<string, string>? labels)
    {
        if (_environment.Rooms is not { } rooms || labels is null || !labels.TryGetValue("rooms", out var names))
        {
            return;
        }

        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RoomName.TryCreate(name, out var room))
            {
                rooms.Tell(new JoinRoom(room, _agent.Value));
            }
        }
    }

    private void HandleLinkClosed(AgentLinkClosed closed)
    {
        if (!ReferenceEquals(closed.Link, _link))
        {
            // A replaced connection closing late: not this agent's current link.
            return;
        }

        var now = Now;
        _link = null;
        RecordTransition(LinkTransition.Down, now);
        Publish(new LinkChanged(_agent.Value, now, Up: false, _record.Incarnation));
    }

    private void RecordTransition(LinkTransition transition, DateTimeOffset now)
    {
        _record.LinkTransitions++;
        var change = _flap.Record(transition, now);
        if (change == FlapChange.EnteredFlapping)
        {
            _flapEpisodes++;
        }

        // One alert per hour at most: a link that keeps flapping must not turn into an alert storm.
        if (change == FlapChange.EnteredFlapping && (_lastFlapAlertAt is null || now - _lastFlapAlertAt >= FlapAlertInterval))
        {
            _lastFlapAlertAt = now;
            RaiseAlert(
                AlertSeverity.Warning,
                "agent-flapping",
                $"Agent {_agent} is flapping ({_policy.Flap.Transitions} link transitions within {_policy.Flap.Window.TotalMinutes:0.#} min; episode {_flapEpisodes}); no welcome, spawn or nudge until its link is stable for {_policy.Flap.StablePeriod.TotalSeconds:0} s.",
                new Dictionary<string, decimal> { ["flapEpisodes"] = _flapEpisodes, ["linkTransitions"] = _record.LinkTransitions });
        }

        if (_flap.IsFlapping && _flap.StableAt is { } stableAt)
        {
            Context.Timers.StartSingleTimer(FlapTimer, FlapCheck.Instance, stableAt > now ? stableAt - now : TimeSpan.Zero);
        }
    }

    private void HandleFlapCheck()
    {
        var now = Now;
        if (_flap.Evaluate(now) == FlapChange.LeftFlapping)
        {
            PublishStateIfChanged("link stable again");
            MaybeWelcome();
            Pump();
        }
        else if (_flap.IsFlapping && _flap.StableAt is { } stableAt)
        {
            Context.Timers.StartSingleTimer(FlapTimer, FlapCheck.Instance, stableAt > now ? stableAt - now : TimeSpan.Zero);
        }
    }

    /// <summary>Sends the current incarnation its welcome unless it ever had one; the fact is durable before the frame leaves.</summary>
    private void MaybeWelcome()
    {
        if (_link is null || _record.Suspended || _flap.IsFlapping || _record.Incarnation is not { } incarnation ||
            _record.HasWelcomed(incarnation))
        {
            return;
        }

        var welcomeId = Guid.NewGuid().ToString("N");
        var payload = _environment.WelcomeFor(_agent);
        PersistThen(new WelcomeSent(incarnation, welcomeId, Now), () =>
        {
            _link?.Tell(new WelcomeFrame(welcomeId, payload));
            Publish(new WelcomeSentNotice(_agent.Value, Now, incarnation, welcomeId));
        });
    }

    private void HandleWelcomeAck(WelcomeAcknowledged ack)
    {
        if (_record.Incarnation is not { } incarnation || _record.PendingWelcomeId != ack.WelcomeId)
        {
            return;
        }

        PersistThen(new WelcomeAcked(incarnation, ack.WelcomeId, Now), () => Pump());
    }
}
