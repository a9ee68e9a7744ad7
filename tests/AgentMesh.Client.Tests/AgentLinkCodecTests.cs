using System.Text;
using System.Text.Json;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client.Tests;

public sealed class AgentLinkCodecTests
{
    // The first string of each direction is the spec's own example, character for character; the
    // others follow the field tables of spec/agent-link.md in their order.
    private static readonly Dictionary<string, (string Golden, Func<AgentFrame> Build)> AgentGolden = new()
    {
        ["hello"] = (
            """{"type":"hello","protocol":1,"agentId":"gpu-box","incarnation":"6f1c2a...","contextTokens":80000,"labels":{"host":"gpu-box"}}""",
            () => new HelloFrame("gpu-box", "6f1c2a...", 80000, new Dictionary<string, string> { ["host"] = "gpu-box" })),
        ["hello-minimal"] = (
            """{"type":"hello","protocol":1,"agentId":"gpu-box","incarnation":"6f1c2a..."}""",
            () => new HelloFrame("gpu-box", "6f1c2a...")),
        ["welcome-ack"] = (
            """{"type":"welcome-ack","welcomeId":"w-1"}""",
            () => new WelcomeAckFrame("w-1")),
        ["session-started"] = (
            """{"type":"session-started","sessionId":"s-1","contextTokens":80000}""",
            () => new SessionStartedFrame("s-1", 80000)),
        ["usage"] = (
            """{"type":"usage","sessionId":"s-1","provider":"anthropic","model":"claude-sonnet-4","inputTokens":1200,"cachedInputTokens":80000,"outputTokens":350}""",
            () => new UsageFrame("s-1", "anthropic", "claude-sonnet-4", 1200, 80000, 350)),
        ["result-ok"] = (
            """{"type":"result","sessionId":"s-1","messageId":42,"status":"ok","retryable":false}""",
            () => new ResultFrame("s-1", 42, ResultStatus.Ok)),
        ["result-failed"] = (
            """{"type":"result","sessionId":"s-1","messageId":43,"status":"failed","retryable":false,"error":"HTTP 400: context too long"}""",
            () => new ResultFrame("s-1", 43, ResultStatus.Failed, retryable: false, error: "HTTP 400: context too long")),
        ["session-ended"] = (
            """{"type":"session-ended","sessionId":"s-1","reason":"done"}""",
            () => new SessionEndedFrame("s-1", "done")),
        ["send"] = (
            """{"type":"send","ref":"7","to":"mac-mini","body":{"text":"hi"},"sessionKey":"review","kind":"message"}""",
            () => new SendFrame("7", "mac-mini", Json("""{"text":"hi"}"""), "review")),
        ["send-room"] = (
            """{"type":"send","ref":"8","to":"room:ops","body":"deploy done","kind":"broadcast"}""",
            () => new SendFrame("8", "room:ops", Json("\"deploy done\""), kind: SendKind.Broadcast)),
        ["send-onboarding"] = (
            """{"type":"send","ref":"9","to":"gpu-box","body":{"docs":["a.md"]},"kind":"onboarding"}""",
            () => new SendFrame("9", "gpu-box", Json("""{"docs":["a.md"]}"""), kind: SendKind.Onboarding)),
        ["fetch"] = (
            """{"type":"fetch","after":41,"limit":50}""",
            () => new FetchFrame(41, 50)),
    };

    private static readonly Dictionary<string, (string Golden, Func<NodeFrame> Build)> NodeGolden = new()
    {
        ["hello-ok"] = (
            """{"type":"hello-ok","node":"mac-mini","state":"onboarding","inboxHighWater":41}""",
            () => new HelloOkFrame("mac-mini", AgentStates.Onboarding, 41)),
        ["welcome"] = (
            """{"type":"welcome","welcomeId":"w-1","payload":{"docs":"read me first"}}""",
            () => new WelcomeFrame("w-1", Json("""{"docs":"read me first"}"""))),
        ["deliver"] = (
            """{"type":"deliver","sessionId":"s-1","messageId":42,"from":"mac-mini","body":{"text":"hi"},"sessionKey":"review"}""",
            () => new DeliverFrame("s-1", 42, "mac-mini", Json("""{"text":"hi"}"""), "review")),
        ["nudge"] = (
            """{"type":"nudge","pendingUpTo":45}""",
            () => new NudgeFrame(45)),
        ["stop-session"] = (
            """{"type":"stop-session","sessionId":"s-1","reason":"budget"}""",
            () => new StopSessionFrame("s-1", StopReasons.Budget)),
        ["suspended"] = (
            """{"type":"suspended","reason":"operator"}""",
            () => new SuspendedFrame("operator")),
        ["resumed"] = (
            """{"type":"resumed"}""",
            () => new ResumedFrame()),
        ["sent"] = (
            """{"type":"sent","ref":"7","messageId":42,"duplicate":false}""",
            () => new SentFrame("7", 42)),
        ["sent-duplicate"] = (
            """{"type":"sent","ref":"7","messageId":42,"duplicate":true}""",
            () => new SentFrame("7", 42, Duplicate: true)),
        ["rejected"] = (
            """{"type":"rejected","ref":"7","reason":"circuit-open","detail":"3 consecutive non-retryable failures"}""",
            () => new RejectedFrame(RejectReasons.CircuitOpen, "3 consecutive non-retryable failures", "7")),
        ["error"] = (
            """{"type":"error","code":"unknown-type","message":"unknown frame type 'foo'","ref":"7"}""",
            () => new ErrorFrame("unknown-type", "unknown frame type 'foo'", "7")),
    };

    public static TheoryData<string> AgentFrameNames => new(AgentGolden.Keys);

    public static TheoryData<string> NodeFrameNames => new(NodeGolden.Keys);

    [Theory]
    [MemberData(nameof(AgentFrameNames))]
    public void AgentFrame_EncodesToTheGoldenJson_AndDecodesBackToTheSameFrame(string name)
    {
        var (golden, build) = AgentGolden[name];
        var frame = build();

        AgentLinkCodec.EncodeToString(frame).Should().Be(golden);
        var decoded = AgentLinkCodec.DecodeAgentFrame(golden);
        decoded.Should().BeOfType(frame.GetType());
        AgentLinkCodec.EncodeToString(decoded).Should().Be(golden);
        if (frame is not SendFrame and not HelloFrame)
        {
            // Records holding a JsonElement or a dictionary compare by reference; their JSON is compared above.
            decoded.Should().Be(frame);
        }
    }

    [Theory]
    [MemberData(nameof(NodeFrameNames))]
    public void NodeFrame_DecodesFromTheGoldenJson_AndEncodesBackToIt(string name)
    {
        var (golden, build) = NodeGolden[name];
        var frame = build();

        var decoded = AgentLinkCodec.DecodeNodeFrame(golden);
        decoded.Should().BeOfType(frame.GetType());
        AgentLinkCodec.EncodeToString(decoded).Should().Be(golden);
        AgentLinkCodec.EncodeToString(frame).Should().Be(golden);
        if (frame is not WelcomeFrame and not DeliverFrame)
        {
            decoded.Should().Be(frame);
        }
    }

    [Fact]
    public void Deliver_ExposesEveryField()
    {
        var deliver = AgentLinkCodec.DecodeNodeFrame(NodeGolden["deliver"].Golden).Should().BeOfType<DeliverFrame>().Subject;

        deliver.SessionId.Should().Be("s-1");
        deliver.MessageId.Should().Be(42);
        deliver.From.Should().Be("mac-mini");
        deliver.Body.GetProperty("text").GetString().Should().Be("hi");
        deliver.SessionKey.Should().Be("review");
    }

    [Fact]
    public void Hello_ExposesEveryField()
    {
        var hello = AgentLinkCodec.DecodeAgentFrame(AgentGolden["hello"].Golden).Should().BeOfType<HelloFrame>().Subject;

        hello.Protocol.Should().Be(1);
        hello.AgentId.Should().Be("gpu-box");
        hello.Incarnation.Should().Be("6f1c2a...");
        hello.ContextTokens.Should().Be(80000);
        hello.Labels.Should().Equal(new Dictionary<string, string> { ["host"] = "gpu-box" });
    }

    [Fact]
    public void NodeFrame_IgnoresUnknownFields_AndAcceptsTypeAnywhere()
    {
        var frame = AgentLinkCodec.DecodeNodeFrame(
            """{"messageId":42,"future":{"nested":[1,2]},"ref":"7","type":"sent","duplicate":true,"extra":"x"}""");

        frame.Should().Be(new SentFrame("7", 42, Duplicate: true));
    }

    [Theory]
    [InlineData("""{"type":"s\u0065nt","ref":"a\"b","messageId":9007199254740993,"duplicate":false}""", "a\"b", 9007199254740993L, false)]
    [InlineData("""{"duplicate":true,"type":"sent","messageId":0,"ref":""}""", "", 0L, true)]
    public void Sent_IsReadExactly_HoweverTheTextSpellsIt(string text, string reference, long messageId, bool duplicate)
    {
        AgentLinkCodec.DecodeNodeFrame(text).Should().Be(new SentFrame(reference, messageId, duplicate));
    }

    [Fact]
    public void NodeFrame_WithOptionalFieldsAbsent_TakesTheirDefaults()
    {
        AgentLinkCodec.DecodeNodeFrame("""{"type":"sent","ref":"7","messageId":42}""")
            .Should().Be(new SentFrame("7", 42, Duplicate: false));
        AgentLinkCodec.DecodeNodeFrame("""{"type":"error","code":"invalid"}""")
            .Should().Be(new ErrorFrame("invalid"));
        AgentLinkCodec.DecodeNodeFrame("""{"type":"rejected","reason":"suspended"}""")
            .Should().Be(new RejectedFrame(RejectReasons.Suspended));
        AgentLinkCodec.DecodeNodeFrame("""{"type":"deliver","sessionId":"s-1","messageId":1,"from":"a","body":"x"}""")
            .Should().BeOfType<DeliverFrame>().Which.SessionKey.Should().BeNull();
    }

    [Fact]
    public void NodeFrame_OfUnknownType_BecomesAnUnknownFrame_ThatCarriesTheWholeFrame()
    {
        const string Json = """{"type":"telemetry","cpu":0.91,"at":"2026-01-05T09:00:00Z"}""";

        var frame = AgentLinkCodec.DecodeNodeFrame(Json).Should().BeOfType<UnknownFrame>().Subject;

        frame.Type.Should().Be("telemetry");
        frame.Frame.GetProperty("cpu").GetDouble().Should().Be(0.91);
        AgentLinkCodec.EncodeToString(frame).Should().Be(Json);
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("[1,2]", null)]
    [InlineData("""{"node":"x"}""", null)]
    [InlineData("""{"type":7}""", null)]
    [InlineData("""{"type":"deliver","sessionId":"s-1"}""", "deliver")]
    [InlineData("""{"type":"sent","ref":"7","messageId":"forty-two"}""", "sent")]
    [InlineData("""{"type":"hello-ok","node":null,"state":"ready"}""", "hello-ok")]
    [InlineData("""{"type":"nudge","pendingUpTo":45""", "nudge")]
    public void NodeFrame_ThatCannotBeRead_BecomesAMalformedFrame_WithoutThrowing(string text, string? type)
    {
        var frame = AgentLinkCodec.DecodeNodeFrame(text).Should().BeOfType<MalformedFrame>().Subject;

        frame.Type.Should().Be(type);
        frame.Text.Should().Be(text);
        frame.Problem.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Text_IsWrittenWithOnlyTheEscapesJsonRequires()
    {
        var frame = new SendFrame("1", "mac-mini", JsonSerializer.SerializeToElement("l'été <b>\"ok\"</b>\n"));

        AgentLinkCodec.EncodeToString(frame).Should().Be(
            """{"type":"send","ref":"1","to":"mac-mini","body":"l'été <b>\"ok\"</b>\n","kind":"message"}""");
    }

    [Theory]
    [InlineData("plain", null, SendKind.Message)]
    [InlineData("l'été <b>\"ok\"</b>\n\u0001 🙂", "review", SendKind.Onboarding)]
    [InlineData("", "k", SendKind.Broadcast)]
    public void TextSend_IsTheSameJson_AsASendFrameWithThatString(string text, string? sessionKey, SendKind kind)
    {
        var frame = new SendFrame("12", "mac-mini", JsonSerializer.SerializeToElement(text), sessionKey, kind);

        Encoding.UTF8.GetString(AgentLinkCodec.EncodeTextSend("12", "mac-mini", text, sessionKey, kind))
            .Should().Be(AgentLinkCodec.EncodeToString(frame));
    }

    [Theory]
    [InlineData("gpu box", null)]
    [InlineData("gpu-box", "key with spaces")]
    public void TextSend_RefusesWhatASendFrameRefuses(string to, string? sessionKey)
    {
        var act = () => AgentLinkCodec.EncodeTextSend("1", to, "hi", sessionKey, SendKind.Message);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void MalformedFrame_CannotBeEncoded()
    {
        var act = () => AgentLinkCodec.Encode(new MalformedFrame(null, "bad", "x"));

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("""{"type":"launch"}""", "Unknown frame type 'launch'")]
    [InlineData("""{"type":"hello","protocol":1,"agentId":"gpu box","incarnation":"i"}""", "agent id")]
    [InlineData("""{"type":"fetch","after":-1,"limit":5}""", "'after'")]
    [InlineData("""{"type":"welcome-ack"}""", "welcomeId")]
    public void AgentFrame_ThatBreaksTheSpec_IsRefusedWithAJsonException(string text, string mentioning)
    {
        var act = () => AgentLinkCodec.DecodeAgentFrame(text);

        act.Should().Throw<JsonException>().WithMessage($"*{mentioning}*");
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
