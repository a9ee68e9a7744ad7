using AgentMesh.Actors;
using AgentMesh.Orchestration.Dedup;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;

namespace AgentMesh.Orchestration.Rooms;

/// <summary>
/// One room (<c>room:&lt;name&gt;</c>): its members and its own message ids. A post is checked for
/// repeats at the room (same poster and body within the cooldown), numbered, recorded, and handed
/// back to the poster's actor with the list of recipients, which puts it in each member's inbox.
/// </summary>
public sealed class RoomActor : PersistentActor
{
    private readonly RoomName _room;
    private readonly SortedSet<string> _members = new(StringComparer.Ordinal);
    private readonly DedupWindow _dedup;
    private long _lastMessageId;

    private RoomActor(RoomName room, DedupPolicy dedup)
    {
        _room = room;
        PersistenceId = new("room-" + room.Value);
        _dedup = new DedupWindow(dedup);
    }

    public override PersistenceId PersistenceId { get; }

    public static Props Props(RoomName room, DedupPolicy? dedup = null) =>
        Actors.Props.Create(() => new RoomActor(room, dedup ?? new DedupPolicy()));

    protected override void OnRecover(object message) => Apply(message);

    protected override void OnCommand(object message)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        switch (message)
        {
            case JoinRoom join when !_members.Contains(join.Agent):
                Persist(new RoomMemberJoined(join.Agent, now), Apply);
                break;
            case JoinRoom:
                break;
            case PostToRoom post:
                var fingerprint = MessageFingerprint.Compute(post.From, _room.Address, post.Body);
                var recipients = _members.Where(m => m != post.From).ToList();
                if (_dedup.IsRepeat(fingerprint, null, now, out var original))
                {
                    Sender.Tell(new RoomFanOut(post, original, true, []));
                    return;
                }

                var id = _lastMessageId + 1;
                Persist(new RoomMessagePosted(id, post.From, fingerprint.ToString(), now), e =>
                {
                    Apply(e);
                    Sender.Tell(new RoomFanOut(post, id, false, recipients));
                });
                break;
            case GetRoomMembers:
                Sender.Tell(new RoomMembers(_room.Address, [.. _members]));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Apply(object @event)
    {
        switch (@event)
        {
            case RoomMemberJoined joined:
                _members.Add(joined.Agent);
                break;
            case RoomMessagePosted posted:
                _lastMessageId = Math.Max(_lastMessageId, posted.MessageId);
                _dedup.TryAccept(MessageFingerprint.Parse(posted.Fingerprint), null, posted.MessageId, posted.At, out _);
                break;
        }
    }
}
