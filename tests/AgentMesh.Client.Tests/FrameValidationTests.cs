using System.Text.Json;
using AgentMesh.Client.Frames;

namespace AgentMesh.Client.Tests;

public sealed class FrameValidationTests
{
    private static readonly JsonElement Body = JsonSerializer.SerializeToElement("hi");

    [Theory]
    [InlineData("")]
    [InlineData("gpu box")]
    [InlineData("gpu/box")]
    [InlineData("gpü-box")]
    public void Hello_RefusesAnAgentIdOutsideTheAlphabet(string agentId)
    {
        var act = () => new HelloFrame(agentId, "i-1");

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "agentId")
            .WithMessage("An agent id must be 1–64 characters of [A-Za-z0-9._-]*");
    }

    [Fact]
    public void Hello_AcceptsAnAgentIdOf64Characters_AndRefuses65()
    {
        var act64 = () => new HelloFrame(new string('a', 64), "i-1");
        var act65 = () => new HelloFrame(new string('a', 65), "i-1");

        act64.Should().NotThrow();
        act65.Should().Throw<ArgumentException>().WithMessage("*got 65 characters*");
    }

    [Fact]
    public void Hello_AcceptsAnIncarnationOf128PrintableCharacters_AndRefuses129OrAControlCharacter()
    {
        var act128 = () => new HelloFrame("gpu-box", new string('x', 128));
        var act129 = () => new HelloFrame("gpu-box", new string('x', 129));
        var actEmpty = () => new HelloFrame("gpu-box", "");
        var actControl = () => new HelloFrame("gpu-box", "a\nb");

        act128.Should().NotThrow();
        act129.Should().Throw<ArgumentException>().Where(e => e.ParamName == "incarnation").WithMessage("*got 129 characters*");
        actEmpty.Should().Throw<ArgumentException>().Where(e => e.ParamName == "incarnation");
        actControl.Should().Throw<ArgumentException>().WithMessage("*control character (U+000A) at position 1*");
    }

    [Fact]
    public void With_CannotBypassValidation()
    {
        var hello = new HelloFrame("gpu-box", "i-1");

        var act = () => hello with { AgentId = "not valid" };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "agentId");
    }

    [Theory]
    [InlineData("mac-mini")]
    [InlineData("room:ops")]
    public void Send_AcceptsAnAgentOrARoom(string to)
    {
        new SendFrame("1", to, Body).To.Should().Be(to);
    }

    [Theory]
    [InlineData("")]
    [InlineData("room:")]
    [InlineData("room:o ps")]
    [InlineData("mac mini")]
    public void Send_RefusesABadRecipient(string to)
    {
        var act = () => new SendFrame("1", to, Body);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "to");
    }

    [Fact]
    public void Send_RefusesAnUndefinedBody_AndABadSessionKey()
    {
        var undefinedBody = () => new SendFrame("1", "a", default);
        var badKey = () => new SendFrame("1", "a", Body, sessionKey: "a b");

        undefinedBody.Should().Throw<ArgumentException>().Where(e => e.ParamName == "body");
        badKey.Should().Throw<ArgumentException>().Where(e => e.ParamName == "sessionKey");
    }

    [Fact]
    public void Send_CopiesItsBody_SoTheCallersDocumentMayBeDisposed()
    {
        SendFrame frame;
        using (var document = JsonDocument.Parse("""{"text":"hi"}"""))
        {
            frame = new SendFrame("1", "a", document.RootElement);
        }

        frame.Body.GetProperty("text").GetString().Should().Be("hi");
    }

    [Fact]
    public void Counts_AndLimits_MustBeInRange()
    {
        FluentActions.Invoking(() => new UsageFrame("s", "p", "m", -1, 0, 0)).Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "inputTokens");
        FluentActions.Invoking(() => new SessionStartedFrame("s", -5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new FetchFrame(0, 0)).Should().Throw<ArgumentOutOfRangeException>()
            .Where(e => e.ParamName == "limit");
        FluentActions.Invoking(() => new ResultFrame("", 1, ResultStatus.Ok)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "sessionId");
        FluentActions.Invoking(() => new ResultFrame("s", 1, (ResultStatus)7)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
