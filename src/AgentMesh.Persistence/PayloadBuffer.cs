using System.Runtime.InteropServices;

namespace AgentMesh.Persistence;

internal static class PayloadBuffer
{
    /// <summary>
    /// The payload as an array for database drivers that bind only arrays: the backing array itself
    /// when the memory spans all of it (the common case of a serializer's output), a copy otherwise.
    /// Drivers only read it while the call that owns the memory is in flight.
    /// </summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment)
        && segment.Array is { } array
        && segment.Offset == 0
        && segment.Count == array.Length
            ? array
            : payload.ToArray();
}
