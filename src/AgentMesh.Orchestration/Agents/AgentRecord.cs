using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Dedup;
using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Sessions;
using AgentMesh.Orchestration.Watch;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// The durable state of one agent and the only code that changes it: <see cref="Apply"/> runs for
/// every event, both when the actor persists it and when it replays it, so live state and recovered
/// state cannot differ. Decisions read this state; they never change it directly.
/// </summary>
internal sealed class AgentRecord
{
    /// <summary>Welcomed incarnations remembered; an incarnation is a process start, so the oldest fall out long after they matter.</summary>
    private const int MaxWelcomedIncarnations = 1024;

    private readonly AgentPolicy _policy;
    private readonly List<string> _welcomed = [];
    private readonly HashSet<string> _welcomedSet = new(StringComparer.Ordinal);

    public AgentRecord(AgentPolicy policy)
    {
        _policy = policy;
        Dedup = new DedupWindow(policy.Dedup);
        Spawns = new SpawnRateLimiter(policy.Session);
        Nudge = new NudgeGate(policy.Watch);
    }

    public bool Known { get; private set; }

    public string? Incarnation { get; private set; }

    public long Incarnations { get; private set; }

    public string? PendingWelcomeId { get; private set; }

    public bool WelcomeAcked { get; private set; }

    public long WelcomesSent { get; private set; }

    public long LastMessageId { get; private set; }

    /// <summary>The messages not done yet, by id; in no particular order (<see cref="PendingByKey"/> keeps the order).</summary>
    public Dictionary<long, InboxEntry> Pending { get; } = [];

    /// <summary>The ids in <see cref="Pending"/> by session key, ascending, so delivery looks at keys, not at every waiting message.</summary>
    public Dictionary<string, PendingIds> PendingByKey { get; } = new(StringComparer.Ordinal);

    public long MessagesAccepted { get; private set; }

    /// <summary>Open sessions by session key.</summary>
    public Dictionary<string, OpenSession> Sessions { get; } = new(StringComparer.Ordinal);

    public long SessionsSpawned { get; private set; }

    public Dictionary<string, CircuitBreaker> Circuits { get; } = new(StringComparer.Ordinal);

    public DedupWindow Dedup { get; private set; }

    public SpawnRateLimiter Spawns { get; private set; }

    public NudgeGate Nudge { get; private set; }

    public bool Suspended { get; private set; }

    public string? SuspendReason { get; private set; }

    public string? SuspendSource { get; private set; }

    public long NudgesSent { get; private set; }

    // Counters that change without an event (link flaps, dropped repeats, tokens): kept in snapshots only.
    public long LinkTransitions { get; set; }

    public long DuplicatesDropped { get; set; }

    public long InputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    public decimal CostUsd { get; set; }

    public bool HasWelcomed(string incarnation) => _welcomedSet.Contains(incarnation);

    public CircuitBreaker CircuitFor(string sessionKey)
    {
        if (!Circuits.TryGetValue(sessionKey, out var circuit))
        {
            circuit = new CircuitBreaker(_policy.Circuit);
            Circuits.Add(sessionKey, circuit);
        }

        return circuit;
    }

    public void Apply(IAgentEvent @event)
    {
        switch (@event)
        {
            case AgentRegistered:
                Known = true;
                break;
            case IncarnationStarted started:
                Known = true;
                Incarnation = started.Incarnation;
                Incarnations++;
                WelcomeAcked = false;
                PendingWelcomeId = null;
                break;
            case WelcomeSent sent:
                RememberWelcomed(sent.Incarnation);
                WelcomesSent++;
                if (sent.Incarnation == Incarnation)
                {
                    PendingWelcomeId = sent.WelcomeId;
                }

                break;
            case WelcomeAcked acked:
                if (acked.Incarnation == Incarnation)
                {
                    WelcomeAcked = true;
                    PendingWelcomeId = null;
                }

                break;
            case InboxMessageAccepted accepted:
                Known = true;
                LastMessageId = Math.Max(LastMessageId, accepted.MessageId);
                AddPending(new InboxEntry(accepted.MessageId, accepted.From, accepted.Body, accepted.SessionKey, accepted.Kind, accepted.At));
                MessagesAccepted++;
                Dedup.TryAccept(
                    accepted.Fingerprint,
                    accepted.IdempotencyKey,
                    accepted.MessageId,
                    accepted.At,
                    out _);
                break;
            case SessionOpened opened:
                Sessions[opened.SessionKey] = new OpenSession(opened.SessionId, opened.SessionKey, opened.At);
                SessionsSpawned++;
                Spawns.TryAcquire(opened.At);
                break;
            case RunRecorded run:
                ApplyRun(run);
                break;
            case SessionClosed closed:
                foreach (var (key, session) in Sessions)
                {
                    if (session.SessionId == closed.SessionId)
                    {
                        Sessions.Remove(key);
                        break;
                    }
                }

                break;
            case CircuitsReset:
                foreach (var circuit in Circuits.Values)
                {
                    circuit.Reset();
                }

                break;
            case AgentSuspended suspended:
                Suspended = true;
                SuspendReason = suspended.Reason;
                SuspendSource = suspended.Source;
                break;
            case AgentResumed:
                Suspended = false;
                SuspendReason = null;
                SuspendSource = null;
                break;
            case NudgeRecorded nudge:
                Nudge.OnDelivered(nudge.PendingUpTo);
                NudgesSent++;
                break;
        }
    }

    public AgentSnapshot ToSnapshot() => new(
        Known,
        Incarnation,
        Incarnations,
        [.. _welcomed],
        PendingWelcomeId,
        WelcomeAcked,
        WelcomesSent,
        LastMessageId,
        [.. Pending.Values.OrderBy(entry => entry.MessageId)],
        MessagesAccepted,
        [.. Sessions.Values],
        SessionsSpawned,
        Circuits.ToDictionary(c => c.Key, c => c.Value.ToSnapshot(), StringComparer.Ordinal),
        Dedup.ToSnapshot(),
        Spawns.ToSnapshot(),
        Nudge.ToSnapshot(),
        Suspended,
        SuspendReason,
        SuspendSource,
        NudgesSent,
        LinkTransitions,
        DuplicatesDropped,
        InputTokens,
        CachedInputTokens,
        OutputTokens,
        CostUsd);

    public void Restore(AgentSnapshot snapshot)
    {
        Known = snapshot.Known;
        Incarnation = snapshot.Incarnation;
        Incarnations = snapshot.Incarnations;
        _welcomed.Clear();
        _welcomedSet.Clear();
        foreach (var incarnation in snapshot.WelcomedIncarnations)
        {
            RememberWelcomed(incarnation);
        }

        PendingWelcomeId = snapshot.PendingWelcomeId;
        WelcomeAcked = snapshot.WelcomeAcked;
        WelcomesSent = snapshot.WelcomesSent;
        LastMessageId = snapshot.LastMessageId;
        Pending.Clear();
        PendingByKey.Clear();
        foreach (var entry in snapshot.Pending)
        {
            AddPending(entry);
        }

        MessagesAccepted = snapshot.MessagesAccepted;
        Sessions.Clear();
        foreach (var session in snapshot.Sessions)
        {
            Sessions[session.SessionKey] = session;
        }

        SessionsSpawned = snapshot.SessionsSpawned;
        Circuits.Clear();
        foreach (var (key, circuit) in snapshot.Circuits)
        {
            Circuits[key] = CircuitBreaker.Restore(_policy.Circuit, circuit);
        }

        Dedup = DedupWindow.Restore(_policy.Dedup, snapshot.Dedup);
        Spawns = SpawnRateLimiter.Restore(_policy.Session, snapshot.Spawns);
        Nudge = NudgeGate.Restore(_policy.Watch, snapshot.Nudge);
        Suspended = snapshot.Suspended;
        SuspendReason = snapshot.SuspendReason;
        SuspendSource = snapshot.SuspendSource;
        NudgesSent = snapshot.NudgesSent;
        LinkTransitions = snapshot.LinkTransitions;
        DuplicatesDropped = snapshot.DuplicatesDropped;
        InputTokens = snapshot.InputTokens;
        CachedInputTokens = snapshot.CachedInputTokens;
        OutputTokens = snapshot.OutputTokens;
        CostUsd = snapshot.CostUsd;
    }

    private void ApplyRun(RunRecorded run)
    {
        if (!Pending.TryGetValue(run.MessageId, out var entry))
        {
            return;
        }

        var circuit = CircuitFor(entry.SessionKey);
        if (run.Ok)
        {
            circuit.RecordSuccess();
        }
        else
        {
            // Retries exhausted count like a non-retryable failure.
            circuit.RecordFailure(retryable: !run.Final, run.At);
        }

        if (run.Final)
        {
            Pending.Remove(run.MessageId);
            if (PendingByKey.TryGetValue(entry.SessionKey, out var ids) && ids.Remove(run.MessageId) && ids.Count == 0)
            {
                PendingByKey.Remove(entry.SessionKey);
            }

            Nudge.OnDelivered(run.MessageId);
        }
        else
        {
            Pending[run.MessageId] = entry with { Attempts = entry.Attempts + 1 };
        }
    }

    private void AddPending(InboxEntry entry)
    {
        Pending[entry.MessageId] = entry;
        if (!PendingByKey.TryGetValue(entry.SessionKey, out var ids))
        {
            ids = new PendingIds();
            PendingByKey.Add(entry.SessionKey, ids);
        }

        ids.Add(entry.MessageId);
    }

    private void RememberWelcomed(string incarnation)
    {
        if (!_welcomedSet.Add(incarnation))
        {
            return;
        }

        _welcomed.Add(incarnation);
        if (_welcomed.Count > MaxWelcomedIncarnations)
        {
            _welcomedSet.Remove(_welcomed[0]);
            _welcomed.RemoveAt(0);
        }
    }
}
