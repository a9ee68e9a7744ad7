using System.Text.Json;
using AgentMesh.Actors;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Rooms;

// The messages of a room (room:<name>): members join, and a post fans out to every other member.

/// <summary><paramref name="Agent"/> is a member of <paramref name="Room"/> (it said so in its hello labels).</summary>
public sealed record JoinRoom(RoomName Room, string Agent) : IEntityMessage
{
    public string EntityId => Room.Value;
}

/// <summary>
/// A post to a room from agent <paramref name="From"/>. The room answers its sender (the poster's actor)
/// with <see cref="RoomFanOut"/>: the room's message id, whether it was a repeat, and who gets it.
/// </summary>
public sealed record PostToRoom(
    RoomName Room,
    string From,
    JsonElement Body,
    SessionKey SessionKey,
    MessageKind Kind,
    IActorRef ReplyTo) : IEntityMessage
{
    public string EntityId => Room.Value;
}

public sealed record RoomFanOut(PostToRoom Post, long MessageId, bool Duplicate, IReadOnlyList<string> Recipients);

/// <summary>Asks for a room's members; answered with <see cref="RoomMembers"/>.</summary>
public sealed record GetRoomMembers(RoomName Room) : IEntityMessage
{
    public string EntityId => Room.Value;
}

public sealed record RoomMembers(string Room, IReadOnlyList<string> Members);
