using System.Threading.Channels;
using AgentMesh.Actors;
using AgentMesh.Orchestration.Agents.Messages;

namespace AgentMesh.Node.Link;

/// <summary>
/// The answers to one connection's <c>send</c> frames. Each send gets a small reply ref that the
/// recipient's actor answers like any sender; the answer becomes a <c>sent</c> or <c>rejected</c>
/// frame in the outbox at once, with no ask, task or timer per send. One timer per connection sweeps
/// the sends left unanswered past the answer timeout (an actor that stopped before answering) and
/// answers them with an <c>error</c> frame.
/// </summary>
internal sealed class SendAnswers : IDisposable
{
    private static readonly ActorPath ReplyPath = ActorPath.Root(new Address("agent-links")).Child("send-answer", 0);

    private readonly ChannelWriter<object> _outbox;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly HashSet<ReplyRef> _unanswered = [];
    private readonly ITimer _sweep;

    public SendAnswers(ChannelWriter<object> outbox, TimeSpan timeout, TimeProvider time)
    {
        _outbox = outbox;
        _timeout = timeout;
        _time = time;
        var period = timeout / 4;
        _sweep = time.CreateTimer(static state => ((SendAnswers)state!).Sweep(), this, period, period);
    }

    /// <summary>Unanswered sends (for tests).</summary>
    public int Unanswered
    {
        get
        {
            lock (_lock)
            {
                return _unanswered.Count;
            }
        }
    }

    /// <summary>The ref to give as the sender of the message that <c>send</c> <paramref name="ref"/> became.</summary>
    public IActorRef Expect(string @ref)
    {
        var reply = new ReplyRef(this, @ref, _time.GetTimestamp());
        lock (_lock)
        {
            _unanswered.Add(reply);
        }

        return reply;
    }

    public void Dispose() => _sweep.Dispose();

    private void Answer(ReplyRef reply, object answer)
    {
        lock (_lock)
        {
            if (!_unanswered.Remove(reply))
            {
                return; // Answered already, or timed out.
            }
        }

        _outbox.TryWrite(answer switch
        {
            MessageAccepted accepted => new SentReply(reply.Ref, accepted.MessageId, accepted.Duplicate),
            MessageRefused refused => new RejectedReply(reply.Ref, refused.Reason, refused.Detail),
            AgentUnknown unknown => new RejectedReply(reply.Ref, "unknown-recipient", $"No agent '{unknown.AgentId}' is known."),
            _ => new ErrorReply("internal", "The node gave an unexpected answer.", reply.Ref),
        });
    }

    private void Sweep()
    {
        List<ReplyRef>? overdue = null;
        lock (_lock)
        {
            foreach (var reply in _unanswered)
            {
                if (_time.GetElapsedTime(reply.SentAt) >= _timeout)
                {
                    (overdue ??= []).Add(reply);
                }
            }

            overdue?.ForEach(reply => _unanswered.Remove(reply));
        }

        foreach (var reply in overdue ?? [])
        {
            _outbox.TryWrite(new ErrorReply(
                "timeout",
                $"The node did not answer within {_timeout.TotalSeconds:0} s; the message may or may not have been accepted (sending it again is safe: repeats are dropped).",
                reply.Ref));
        }
    }

    private sealed class ReplyRef(SendAnswers answers, string @ref, long sentAt) : IActorRef
    {
        public string Ref { get; } = @ref;

        public long SentAt { get; } = sentAt;

        public ActorPath Path => ReplyPath;

        public void Tell(object message, IActorRef? sender = null)
        {
            ArgumentNullException.ThrowIfNull(message);
            answers.Answer(this, message);
        }
    }
}
