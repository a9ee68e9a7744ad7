using System.Text.Json.Serialization;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Rooms;

public sealed record RoomMemberJoined(string Agent, DateTimeOffset At);

public sealed record RoomMessagePosted(long MessageId, string From, string Fingerprint, DateTimeOffset At);

/// <summary>The stable manifests of a room's events.</summary>
public static class RoomJournal
{
    public static EventManifestRegistry Register(EventManifestRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register("room.member-joined.v1", RoomJournalContext.Default.RoomMemberJoined)
            .Register("room.message-posted.v1", RoomJournalContext.Default.RoomMessagePosted);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RoomMemberJoined))]
[JsonSerializable(typeof(RoomMessagePosted))]
internal sealed partial class RoomJournalContext : JsonSerializerContext;
