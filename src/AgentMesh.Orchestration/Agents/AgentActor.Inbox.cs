using AgentMesh.Actors;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Dedup;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Rooms;
using AgentMesh.Orchestration.Sessions;

namespace AgentMesh.Orchestration.Agents;

public sealed partial class AgentActor
{
    /// <summary>The per-message guard path: known recipient, onboarding repeats, open circuit, duplicate; then the durable append.</summary>
    private void HandleAccept(AcceptMessage message)
    {
        var now = Now;
        if (!_record.Known && !IsConfigured)
        {
            Sender.Tell(new MessageRefused("unknown-recipient", $"No agent '{_agent}' has connected to this node or is configured."));
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
            return;
        }

        var key = message.SessionKey.Value;
        if (message.Kind == MessageKind.Onboarding && _record.Incarnation is { } incarnation && _record.HasWelcomed(incarnation))
        {
            DropRepeat(message.From, 0, $"incarnation {incarnation} of {_agent} already had its welcome");
            return;
        }

        if (_record.Circuits.TryGetValue(key, out var circuit) && circuit.State == CircuitState.Open)
        {
            Sender.Tell(new MessageRefused(
                "circuit-open",
                $"The circuit for session key '{key}' of {_agent} is open after {circuit.ConsecutiveFailures} non-retryable failures in a row; an operator must reset the agent."));
            return;
        }

        var fingerprint = MessageFingerprint.Compute(message.From, _agent.Value, message.Body);
        MessageFingerprint? idempotencyKey = message.IdempotencyKey is { } ownKey ? MessageFingerprint.ForIdempotencyKey(message.From, ownKey) : null;
        if (_record.Dedup.IsRepeat(fingerprint, idempotencyKey, now, out var original) ||
            _acceptsInFlight.IsRepeat(fingerprint, idempotencyKey, out original))
        {
            DropRepeat(message.From, original, $"same sender, recipient and body within {_policy.Dedup.Cooldown.TotalMinutes:0.#} min");
            return;
        }

        // Accepts are pipelined (CanPipeline): earlier ones may still be on their way to the journal,
        // so the id and the repeat check count them too; each leaves the in-flight set once applied.
        var messageId = _record.LastMessageId + _acceptsInFlight.Count + 1;
        _acceptsInFlight.Add(messageId, fingerprint, idempotencyKey);
        var accepted = new InboxMessageAccepted(
            messageId,
            message.From,
            message.Body,
            key,
            message.Kind.ToWire(),
            fingerprint,
            idempotencyKey,
            now);
        Persist(accepted, _onAccepted);
    }

    /// <summary>
    /// The handler of every accept, once it is durable (with the accept's sender as
    /// <see cref="Actor.Sender"/>): one delegate for the actor's life, so an accept allocates no closure.
    /// </summary>
    private void OnAccepted(InboxMessageAccepted accepted)
    {
        _record.Apply(accepted);
        _acceptsInFlight.Remove(accepted.MessageId);
        Sender.Tell(new MessageAccepted(accepted.MessageId, Duplicate: false));
        Publish(new MessageAcceptedNotice(_agent.Value, accepted.At, accepted.MessageId, accepted.From, accepted.SessionKey));
        Pump();
        MaybeSnapshot();
        PublishStateIfChanged();
    }

    /// <summary>The room numbered this agent's post: put it in every other member's inbox and answer the poster.</summary>
    private void HandleRoomFanOut(RoomFanOut fanOut)
    {
        foreach (var member in fanOut.Recipients)
        {
            if (AgentId.TryCreate(member, out var recipient, out _))
            {
                Context.Parent.Tell(new AcceptMessage(recipient, _agent.Value, fanOut.Post.Body, fanOut.Post.SessionKey, fanOut.Post.Kind), Nobody.Instance);
            }
        }

        fanOut.Post.ReplyTo.Tell(new MessageAccepted(fanOut.MessageId, fanOut.Duplicate));
    }

    private void DropRepeat(string from, long originalMessageId, string why)
    {
        _record.DuplicatesDropped++;
        var now = Now;

        // The original may still be on its way to the journal: the answer waits until it is durable.
        Defer(() =>
        {
            Sender.Tell(new MessageAccepted(originalMessageId, Duplicate: true));
            Publish(new DuplicateDropped(_agent.Value, now, from, originalMessageId, why));
        });
    }

    /// <summary>A <c>send</c> from this agent: refused while it is suspended, otherwise handed to the recipient's actor, which answers the original sender.</summary>
    private void HandleSend(SendFromAgent send)
    {
        if (_record.Suspended)
        {
            Sender.Tell(new MessageRefused("suspended", $"Agent {_agent} is suspended ({_record.SuspendReason}); it cannot send until an operator resumes it."));
            return;
        }

        if (RoomName.IsRoomAddress(send.To))
        {
            if (_environment.Rooms is { } rooms && RoomName.TryParseAddress(send.To, out var room, out _))
            {
                rooms.Tell(new PostToRoom(room, _agent.Value, send.Body, send.SessionKey, send.Kind == MessageKind.Message ? MessageKind.Broadcast : send.Kind, Sender));
            }
            else
            {
                Sender.Tell(new MessageRefused("unknown-recipient", $"'{send.To}' is not a room of this node."));
            }

            return;
        }

        if (!AgentId.TryCreate(send.To, out var recipient, out var error))
        {
            Sender.Tell(new MessageRefused("unknown-recipient", $"'{send.To}' is not an agent id: {error}"));
            return;
        }

        // The region is this actor's parent: the recipient is started (and recovered) if it is not running.
        Context.Parent.Tell(new AcceptMessage(recipient, _agent.Value, send.Body, send.SessionKey, send.Kind, send.IdempotencyKey), Sender);
    }
}
