namespace AgentMesh.Actors.Dispatch;

/// <summary>
/// A multi-producer, single-consumer stack of system messages kept in one field of its owner.
/// Producers push with a CAS on the head; the consumer takes the whole stack at once and reverses
/// it to arrival order. Once <see cref="Close"/> has run, pushes fail so that a dead actor can
/// answer late system messages itself (a watch of a dead actor is answered at once).
/// </summary>
internal static class SystemMessageList
{
    /// <summary>Head value of a closed list. Never delivered.</summary>
    private static readonly SystemMessage Closed = new ClosedMarker();

    /// <summary>Pushes <paramref name="message"/>; false when the list is closed.</summary>
    public static bool TryPush(ref SystemMessage? head, SystemMessage message)
    {
        while (true)
        {
            var current = Volatile.Read(ref head);
            if (ReferenceEquals(current, Closed))
            {
                return false;
            }

            message.Next = current;
            if (ReferenceEquals(Interlocked.CompareExchange(ref head, message, current), current))
            {
                return true;
            }
        }
    }

    public static bool HasMessages(ref SystemMessage? head)
    {
        var current = Volatile.Read(ref head);
        return current is not null && !ReferenceEquals(current, Closed);
    }

    /// <summary>Takes every pending message in arrival order (null when none); the list stays open.</summary>
    public static SystemMessage? TakeAll(ref SystemMessage? head)
    {
        while (true)
        {
            var current = Volatile.Read(ref head);
            if (current is null || ReferenceEquals(current, Closed))
            {
                return null;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref head, null, current), current))
            {
                return Reverse(current);
            }
        }
    }

    /// <summary>Closes the list and returns what was pending, in arrival order.</summary>
    public static SystemMessage? Close(ref SystemMessage? head)
    {
        var current = Interlocked.Exchange(ref head, Closed);
        return ReferenceEquals(current, Closed) ? null : Reverse(current);
    }

    private static SystemMessage? Reverse(SystemMessage? message)
    {
        SystemMessage? reversed = null;
        while (message is not null)
        {
            var next = message.Next;
            message.Next = reversed;
            reversed = message;
            message = next;
        }

        return reversed;
    }

    private sealed class ClosedMarker : SystemMessage;
}
