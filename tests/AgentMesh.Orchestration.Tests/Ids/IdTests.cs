using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Ids;

public sealed class IdTests
{
    [Fact]
    public void Incarnation_Accepts_AnyPrintableTextUpTo128()
    {
        new Incarnation("6f1c2a9e-0c1d-4e55-9a7b-3f2d1c0b9a88").Value.Should().Be("6f1c2a9e-0c1d-4e55-9a7b-3f2d1c0b9a88");
        new Incarnation("pid 4711 @ gpu-box / ünïcode").Value.Should().Be("pid 4711 @ gpu-box / ünïcode");
        new Incarnation(new string('x', 128)).Value.Should().HaveLength(128);
    }

    [Theory]
    [InlineData("", "got an empty value")]
    [InlineData("a\tb", "a control character (U+0009) at position 1")]
    [InlineData("a\u007fb", "(U+007F)")]
    public void Incarnation_Rejects_EmptyOrControlCharacters(string value, string detail)
    {
        var create = () => new Incarnation(value);

        create.Should().Throw<ArgumentException>().WithMessage($"An incarnation must be 1–128 printable characters; *{detail}*");
    }

    [Fact]
    public void Incarnation_Rejects_129Characters()
    {
        Incarnation.TryCreate(new string('x', 129), out _, out var error).Should().BeFalse();
        error.Should().Contain("got 129 characters");
    }

    [Fact]
    public void SessionId_New_IsAValidUniqueId()
    {
        var first = SessionId.New();

        SessionId.TryCreate(first.Value, out var parsed).Should().BeTrue();
        parsed.Should().Be(first);
        SessionId.New().Should().NotBe(first);
    }

    [Fact]
    public void SessionKey_TryCreateOptional_MapsMissingKeyToDefault()
    {
        SessionKey.TryCreateOptional(null, out var missing, out _).Should().BeTrue();
        SessionKey.TryCreateOptional("", out var empty, out _).Should().BeTrue();
        SessionKey.TryCreateOptional("review", out var named, out _).Should().BeTrue();
        SessionKey.TryCreateOptional("bad key", out _, out var error).Should().BeFalse();

        missing.Should().Be(SessionKey.Default);
        empty.Value.Should().Be("default");
        named.Value.Should().Be("review");
        error.Should().StartWith("A session key must be 1–64 characters");
    }

    [Fact]
    public void RoomName_ParsesItsAddress_AndFormatsItBack()
    {
        RoomName.TryParseAddress("room:ops", out var room, out _).Should().BeTrue();

        room.Value.Should().Be("ops");
        room.Address.Should().Be("room:ops");
        room.ToString().Should().Be("room:ops");
        RoomName.IsRoomAddress("gpu-box").Should().BeFalse();
    }

    [Theory]
    [InlineData("ops", "must have the form 'room:<name>'")]
    [InlineData("room:", "A room name must be 1–64 characters")]
    [InlineData("room:a b", "' ' at position 1")]
    [InlineData(null, "must have the form 'room:<name>'")]
    public void RoomName_TryParseAddress_RefusesWhatIsNotARoom(string? address, string detail)
    {
        RoomName.TryParseAddress(address, out _, out var error).Should().BeFalse();

        error.Should().Contain(detail);
    }

    [Fact]
    public void ModelKey_Parse_SplitsAtTheFirstSlash_AndLowerCases()
    {
        var routed = ModelKey.Parse("OpenRouter/Anthropic/Claude-Sonnet-4");

        routed.Provider.Should().Be("openrouter");
        routed.Model.Should().Be("anthropic/claude-sonnet-4");
        routed.ToString().Should().Be("openrouter/anthropic/claude-sonnet-4");
        ModelKey.Parse("openai/GPT-4o").Should().Be(new ModelKey("openai", "gpt-4o"));
    }

    [Theory]
    [InlineData("gpt-4o", "must have the form '<provider>/<model>'")]
    [InlineData("/gpt-4o", "A model provider must be 1–64 characters")]
    [InlineData("openai/", "A model name must be 1–128 characters")]
    [InlineData("openai/gpt 4o", "U+0020 at position 3")]
    public void ModelKey_TryParse_RefusesMalformedNames(string value, string detail)
    {
        ModelKey.TryParse(value, out _, out var error).Should().BeFalse();

        error.Should().Contain(detail);
    }

    [Theory]
    [InlineData("global", BudgetScopeKind.Global, "")]
    [InlineData("node:mac-mini", BudgetScopeKind.Node, "mac-mini")]
    [InlineData("agent:gpu-box", BudgetScopeKind.Agent, "gpu-box")]
    [InlineData("model:openai/gpt-4o", BudgetScopeKind.Model, "openai/gpt-4o")]
    [InlineData("model:anthropic/claude-3-5-haiku-20241022", BudgetScopeKind.Model, "anthropic/claude-3-5-haiku-20241022")]
    public void BudgetScope_ParsesEachForm_AndFormatsItBack(string text, BudgetScopeKind kind, string name)
    {
        var scope = new BudgetScope(text);

        scope.Kind.Should().Be(kind);
        scope.Name.Should().Be(name);
        scope.ToString().Should().Be(text);
        new BudgetScope(scope.ToString()).Should().Be(scope);
    }

    [Fact]
    public void BudgetScope_Factories_EqualTheParsedForms()
    {
        BudgetScope.Global.Should().Be(new BudgetScope("global"));
        BudgetScope.ForNode("mac-mini").Should().Be(new BudgetScope("node:mac-mini"));
        BudgetScope.ForAgent(new AgentId("gpu-box")).Should().Be(new BudgetScope("agent:gpu-box"));
        BudgetScope.ForModel(new ModelKey("OpenAI", "GPT-4o")).Should().Be(new BudgetScope("model:openai/gpt-4o"));
    }

    [Theory]
    [InlineData("", "'' has none of these forms")]
    [InlineData("Global", "'Global' has none of these forms")]
    [InlineData("team:ops", "'team:ops' has none of these forms")]
    [InlineData("node:", "A node name must be 1–64 characters")]
    [InlineData("agent:gpu box", "An agent id must be 1–64 characters")]
    [InlineData("model:gpt-4o", "A model must have the form '<provider>/<model>'")]
    public void BudgetScope_Rejects_OtherText_ListingTheAllowedForms(string text, string detail)
    {
        var parse = () => new BudgetScope(text);

        parse.Should().Throw<ArgumentException>()
            .WithMessage("A budget scope must be 'global', 'node:<name>', 'agent:<id>' or 'model:<provider>/<model>': *")
            .Which.Message.Should().Contain(detail);
    }
}
