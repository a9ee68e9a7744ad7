using AgentMesh.Orchestration.Dedup;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// The accepted messages whose events are written but not yet durable (and so not yet in the agent's
/// record): their ids are taken, and a repeat of one of them is a duplicate like any other.
/// Single-threaded (owned by the agent's actor).
/// </summary>
internal sealed class AcceptsInFlight
{
    private readonly Dictionary<long, (MessageFingerprint Fingerprint, MessageFingerprint? IdempotencyKey)> _byId = [];
    private readonly Dictionary<MessageFingerprint, long> _byFingerprint = [];

    public int Count => _byId.Count;

    public void Add(long messageId, MessageFingerprint fingerprint, MessageFingerprint? idempotencyKey)
    {
        _byId.Add(messageId, (fingerprint, idempotencyKey));
        _byFingerprint[fingerprint] = messageId;
        if (idempotencyKey is { } key)
        {
            _byFingerprint[key] = messageId;
        }
    }

    public bool IsRepeat(MessageFingerprint fingerprint, MessageFingerprint? idempotencyKey, out long originalMessageId) =>
        (idempotencyKey is { } key && _byFingerprint.TryGetValue(key, out originalMessageId)) ||
        _byFingerprint.TryGetValue(fingerprint, out originalMessageId);

    /// <summary>The accept of <paramref name="messageId"/> was applied to the record, whose dedup window now holds it.</summary>
    public void Remove(long messageId)
    {
        if (_byId.Remove(messageId, out var accepted))
        {
            _byFingerprint.Remove(accepted.Fingerprint);
            if (accepted.IdempotencyKey is { } key)
            {
                _byFingerprint.Remove(key);
            }
        }
    }

    /// <summary>Forgets everything, for a restart of the actor's state.</summary>
    public void Clear()
    {
        _byId.Clear();
        _byFingerprint.Clear();
    }
}
