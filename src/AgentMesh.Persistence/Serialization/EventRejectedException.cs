namespace AgentMesh.Persistence.Serialization;

/// <summary>
/// An event could not be serialized (its type is not registered, or its value does not serialize),
/// so it was rejected before reaching the store: nothing was written, the journal is untouched, and
/// the caller decides what to do. Unlike a storage failure, the writer may carry on.
/// </summary>
public sealed class EventRejectedException : Exception
{
    public EventRejectedException(Type eventType, string reason, Exception? innerException = null)
        : base($"An event of type {eventType} was rejected and not stored: {reason}", innerException)
    {
        EventType = eventType;
    }

    public Type EventType { get; }
}
