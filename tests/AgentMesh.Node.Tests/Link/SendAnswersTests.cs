using System.Threading.Channels;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Link;
using AgentMesh.Orchestration.Agents.Messages;

namespace AgentMesh.Node.Tests.Link;

/// <summary>How a connection turns its sends' answers into frames, and answers the ones nobody answers.</summary>
public sealed class SendAnswersTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Channel<object> _outbox = Channel.CreateUnbounded<object>();
    private readonly ManualTimeProvider _time = new();
    private readonly SendAnswers _answers;

    public SendAnswersTests()
    {
        _answers = new SendAnswers(_outbox.Writer, Timeout, _time);
    }

    public void Dispose() => _answers.Dispose();

    [Fact]
    public void AnAnswer_BecomesTheFrameForItsRef_Once()
    {
        var first = _answers.Expect("r1");
        var second = _answers.Expect("r2");

        second.Tell(new MessageRefused("circuit-open", "open"));
        first.Tell(new MessageAccepted(42, Duplicate: true));
        first.Tell(new MessageAccepted(43, Duplicate: false));

        Drain().Should().Equal(new RejectedReply("r2", "circuit-open", "open"), new SentReply("r1", 42, true));
        _answers.Unanswered.Should().Be(0);
    }

    [Fact]
    public void ASendLeftUnanswered_GetsATimeoutError_AfterTheTimeout_AndALateAnswerIsDropped()
    {
        var late = _answers.Expect("r1");
        _time.Advance(Timeout / 2);
        var answered = _answers.Expect("r2");
        answered.Tell(new MessageAccepted(1, Duplicate: false));
        Drain().Should().Equal(new SentReply("r2", 1, false));

        _time.Advance(Timeout / 4);
        Drain().Should().BeEmpty("r1 has waited three quarters of the timeout");
        _time.Advance(Timeout / 4);

        var error = Drain().Should().ContainSingle().Which.Should().BeOfType<ErrorReply>().Subject;
        error.Code.Should().Be("timeout");
        error.Ref.Should().Be("r1");
        late.Tell(new MessageAccepted(2, Duplicate: false));
        Drain().Should().BeEmpty();
        _answers.Unanswered.Should().Be(0);
    }

    [Fact]
    public void AnUnexpectedAnswer_IsAnInternalErrorForThatRef()
    {
        _answers.Expect("r1").Tell("something else");

        Drain().Should().Equal(new ErrorReply("internal", "The node gave an unexpected answer.", "r1"));
    }

    private List<object> Drain()
    {
        var frames = new List<object>();
        while (_outbox.Reader.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }
}
