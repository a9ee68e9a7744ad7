using System.Text.RegularExpressions;
using AgentMesh.Orchestration.Ids;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Orchestration.Tests.Ids;

public sealed partial class AgentIdTests
{
    [Theory]
    [InlineData("gpu-box")]
    [InlineData("a")]
    [InlineData("Mac.Mini_2-x")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void AgentId_Accepts_OneToSixtyFourTokenCharacters(string value)
    {
        var id = new AgentId(value);

        id.Value.Should().Be(value);
        id.ToString().Should().Be(value);
        id.Should().Be(new AgentId(value));
    }

    [Theory]
    [InlineData("", "got an empty value")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", "got 65 characters")]
    [InlineData("gpu box", "' ' at position 3 of 'gpu box' is not allowed")]
    [InlineData("gpu/box", "'/' at position 3")]
    [InlineData("gpü", "'ü' at position 2")]
    [InlineData("a\nb", "'\\u000A' at position 1 of 'a\\u000Ab'")]
    public void AgentId_Rejects_InvalidValue_WithMessageNamingTheRule(string value, string detail)
    {
        var create = () => new AgentId(value);

        create.Should().Throw<ArgumentException>()
            .WithMessage($"An agent id must be 1–64 characters of [A-Za-z0-9._-]; *{detail}*")
            .Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void AgentId_TryCreate_RefusesNull_WithoutThrowing()
    {
        AgentId.TryCreate(null, out var id, out var error).Should().BeFalse();

        id.Should().Be(default(AgentId));
        error.Should().Contain("got an empty value");
    }

    [Fact]
    public void AgentId_TryCreate_AgreesWithTheProtocolPattern()
    {
        var alphabet = "abzAZ09._- /:é\t".ToCharArray();
        var candidates = Gen.Choose(0, 70)
            .SelectMany(length => Gen.ArrayOf(Gen.Elements(alphabet), length))
            .Select(chars => new string(chars));

        Prop.ForAll(candidates.ToArbitrary(), value =>
                AgentId.TryCreate(value, out var id) == ProtocolPattern().IsMatch(value)
                && (!ProtocolPattern().IsMatch(value) || id.Value == value))
            .QuickCheckThrowOnFailure();
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ProtocolPattern();
}
