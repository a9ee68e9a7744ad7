using System.Collections.Frozen;
using System.Text.Json;

namespace AgentMesh.Persistence.Serialization;

/// <summary>
/// Turns events into journal payloads and back, using only the types and manifests of an
/// <see cref="EventManifestRegistry"/>. Immutable and thread-safe once built.
/// </summary>
public sealed class EventSerializer
{
    private readonly FrozenDictionary<Type, EventRegistration> _byType;
    private readonly FrozenDictionary<string, EventRegistration> _byManifest;

    public EventSerializer(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _byType = registry.Registrations.ToFrozenDictionary(registration => registration.Type);
        _byManifest = registry.Registrations.ToFrozenDictionary(registration => registration.Manifest, StringComparer.Ordinal);
    }

    /// <summary>Serializes <paramref name="event"/> under the manifest of its exact runtime type.</summary>
    /// <exception cref="EventRejectedException">The type is not registered, or the value does not serialize.</exception>
    public SerializedEvent Serialize(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        if (!_byType.TryGetValue(type, out var registration))
        {
            throw new EventRejectedException(type, "its type is not registered with a manifest.");
        }

        try
        {
            return new SerializedEvent(registration.Manifest, registration.Serialize(@event));
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new EventRejectedException(type, exception.Message, exception);
        }
    }

    /// <summary>Serializes <paramref name="event"/> into the entry at <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>.</summary>
    /// <exception cref="EventRejectedException">The type is not registered, or the value does not serialize.</exception>
    public JournalEntry ToJournalEntry(
        PersistenceId persistenceId,
        long sequenceNr,
        object @event,
        DateTimeOffset timestamp,
        string writerId)
    {
        var (manifest, payload) = Serialize(@event);
        return new JournalEntry(persistenceId, sequenceNr, manifest, payload, timestamp, writerId);
    }

    /// <summary>Restores the event stored in <paramref name="entry"/>.</summary>
    /// <exception cref="EventDeserializationException">The manifest is unknown or the payload is corrupt.</exception>
    public object Deserialize(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Deserialize(entry.PersistenceId, entry.SequenceNr, entry.Manifest, entry.Payload.Span);
    }

    /// <summary>Restores the state stored in <paramref name="snapshot"/>.</summary>
    /// <exception cref="EventDeserializationException">The manifest is unknown or the payload is corrupt.</exception>
    public object Deserialize(SnapshotEntry snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Deserialize(snapshot.PersistenceId, snapshot.SequenceNr, snapshot.Manifest, snapshot.Payload.Span);
    }

    /// <summary>Restores a stored value; the persistence id and sequence number only name it in errors.</summary>
    /// <exception cref="EventDeserializationException">The manifest is unknown or the payload is corrupt.</exception>
    public object Deserialize(PersistenceId persistenceId, long sequenceNr, string manifest, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!_byManifest.TryGetValue(manifest, out var registration))
        {
            throw new EventDeserializationException(
                persistenceId, sequenceNr, manifest, "the manifest is not registered (written by newer code, or its type was removed).");
        }

        object? value;
        try
        {
            value = registration.Deserialize(payload);
        }
        catch (JsonException exception)
        {
            throw new EventDeserializationException(
                persistenceId, sequenceNr, manifest, $"the payload is not a valid {registration.Type.Name}: {exception.Message}", exception);
        }

        return value ?? throw new EventDeserializationException(
            persistenceId, sequenceNr, manifest, $"the payload is JSON null, not a {registration.Type.Name}.");
    }
}
