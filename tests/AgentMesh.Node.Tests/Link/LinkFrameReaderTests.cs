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
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":{"task":["a",1,null],"n":{"deep":true}},"sessionKey":"k","x":{"y":[1]}}""", """{"task":["a",1,null],"n":{"deep":true}}""", "k")]
    [InlineData("""{"extra":[{"type":"result"}],"type":"send","ref":"r1","to":"gpu-box","body":"caf\u00e9","sessionKey":null,"kind":null}""", "\"caf\\u00e9\"", null)]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":42.5}""", "42.5", null)]
    public void ASend_KeepsItsBodyAndSessionKey_AndIgnoresUnknownFields(string text, string body, string? sessionKey)
    {
        var frame = LinkFrameReader.Read(Encoding.UTF8.GetBytes(text)).Should().BeOfType<SendFrame>().Subject;

        frame.Should().BeEquivalentTo(new { Ref = "r1", To = "gpu-box", SessionKey = sessionKey, Kind = "message" });
        frame.Body.GetRawText().Should().Be(body);
    }

    [Theory]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":"hi","kind":"gossip"}""", "invalid", "'kind' must be message, onboarding or broadcast")]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":"hi","kind":7}""", "invalid", "'kind' must be a string")]
    [InlineData("""{"type":"shout","ref":"r1"}""", "unknown-type", "Unknown frame type 'shout'")]
    [InlineData("""{"type":42}""", "invalid", "needs a string field 'type'")]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box"}""", "invalid", "the field 'body' is missing")]
    [InlineData("""[1,2]""", "malformed", "must be a JSON object")]
    [InlineData("""{"type":"send",""", "malformed", "not valid JSON")]
    [InlineData("""{"type":"send","ref":"r1","to":7,"body":"hi"}""", "invalid", "the field 'to' must be a string")]
    [InlineData("""{"type":"send","ref":"r1","body":"hi"}""", "invalid", "the field 'to' is missing")]
    [InlineData("""{"type":"send","ref":"r1","to":"gpu-box","body":{"open":""", "malformed", "not valid JSON")]
    public void ABadFrame_IsInvalid_WithTheReason(string text, string code, string reason)
    {
        var frame = LinkFrameReader.Read(Encoding.UTF8.GetBytes(text)).Should().BeOfType<InvalidFrame>().Subject;

        frame.Code.Should().Be(code);
        frame.Message.Should().Contain(reason);
    }
}
