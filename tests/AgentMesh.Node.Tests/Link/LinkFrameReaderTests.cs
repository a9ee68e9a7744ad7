using System.Text;
using AgentMesh.Node.Link;

namespace AgentMesh.Node.Tests.Link;

/// <summary>Agent frames as the node reads them: the known ones typed, anything else an invalid frame that says why.</summary>
public sealed class LinkFrameReaderTests
{
    [Theory]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":"hi"}""", "message")]
    [InlineData("""{"kind":"broadcast","body":{"a":1},"to":"room:ops","ref":"r1","type":"send"}""", "broadcast")]
    [InlineData("""{"type":"s\u0065nd","ref":"r1","to":"gpu-box","body":"hi","kind":"onb\u006Farding"}""", "onboarding")]
    public void ASend_IsReadWithItsKind_HoweverTheTextSpellsIt(string text, string kind)
    {
        var frame = LinkFrameReader.Read(Encoding.UTF8.GetBytes(text)).Should().BeOfType<SendFrame>().Subject;

        frame.Ref.Should().Be("r1");
        frame.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":"hi","kind":"gossip"}""", "invalid", "'kind' must be message, onboarding or broadcast")]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":"hi","kind":7}""", "invalid", "'kind' must be a string")]
    [InlineData("""{"type":"shout","ref":"r1"}""", "unknown-type", "Unknown frame type 'shout'")]
    [InlineData("""{"type":42}""", "invalid", "needs a string field 'type'")]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box"}""", "invalid", "the field 'body' is missing")]
    [InlineData("""[1,2]""", "malformed", "must be a JSON object")]
    [InlineData("""{"type":"send",""", "malformed", "not valid JSON")]
    public void ABadFrame_IsInvalid_WithTheReason(string text, string code, string reason)
    {
        var frame = LinkFrameReader.Read(Encoding.UTF8.GetBytes(text)).Should().BeOfType<InvalidFrame>().Subject;

        frame.Code.Should().Be(code);
        frame.Message.Should().Contain(reason);
    }
}
