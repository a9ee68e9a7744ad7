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
/// <remarks>
/// Every send waits for the same timeout, so deadlines fall in the order sends arrive: the refs wait in
/// a queue, and a sweep only looks at its front. An answer settles its ref with a compare-and-swap and
/// takes no lock (the recipient's actor and the receive loop never contend); answered refs leave the
/// queue as the front passes them, on the next send or sweep.
/// </remarks>
internal sealed class SendAnswers : IDisposable
{
    private static readonly ActorPath ReplyPath = ActorPath.Root(new Address("agent-links")).Child("send-answer", 0);

    private readonly ChannelWriter<object> _outbox;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    // Taken by the receive loop (Expect) and the sweep only.
    private readonly Lock _lock = new();
    private readonly Queue<ReplyRef> _waiting = new();
    private readonly ITimer _sweep;

    public SendAnswers(ChannelWriter<object> outbox, TimeSpan timeout, TimeProvider time)
    {
        _outbox = outbox;
        _timeout = timeout;
        _time = time;
        var period = timeout / 4;
        _sweep = time.CreateTimer(static state => ((SendAnswers)state!).Sweep(), this, period, period);
    }

    /// <summary>Sends not yet answered (for tests).</summary>
    public int Unanswered
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count(reply => !reply.IsSettled);
            }
        }
    }

    /// <summary>The ref to give as the sender of the message that <c>send</c> <paramref name="ref"/> became.</summary>
    public IActorRef Expect(string @ref)
    {
        var reply = new ReplyRef(this, @ref, _time.GetTimestamp());
        lock (_lock)
        {
            DropSettled();
            _waiting.Enqueue(reply);
        }

        return reply;
    }

    public void Dispose() => _sweep.Dispose();

    private void Answer(ReplyRef reply, object answer)
    {
        if (!reply.TrySettle())
        {
            return; // Answered already, or timed out.
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
        lock (_lock)
        {
            DropSettled();
            while (_waiting.TryPeek(out var oldest) && _time.GetElapsedTime(oldest.SentAt) >= _timeout)
            {
                _waiting.Dequeue();
                if (oldest.TrySettle())
                {
                    _outbox.TryWrite(new ErrorReply(
                        "timeout",
                        $"The node did not answer within {_timeout.TotalSeconds:0} s; the message may or may not have been accepted (sending it again is safe: repeats are dropped).",
                        oldest.Ref));
                }
            }
        }
    }

    private void DropSettled()
    {
        while (_waiting.TryPeek(out var oldest) && oldest.IsSettled)
        {
            _waiting.Dequeue();
        }
    }

    private sealed class ReplyRef(SendAnswers answers, string @ref, long sentAt) : IActorRef
    {
        private int _settled;

        public string Ref { get; } = @ref;

        public long SentAt { get; } = sentAt;

        public bool IsSettled => Volatile.Read(ref _settled) != 0;

        public ActorPath Path => ReplyPath;

        /// <summary>True for the one caller (an answer or the sweep) that settles this send.</summary>
        public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;

        public void Tell(object message, IActorRef? sender = null)
        {
            ArgumentNullException.ThrowIfNull(message);
            answers.Answer(this, message);
        }
    }
}
