using System.Text.Json;
using AgentMesh.Orchestration.Dedup;

namespace AgentMesh.Orchestration.Tests.Dedup;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{ "b":2, "a":1 }""", """{"a":1,"b":2}""")]
    [InlineData("""[ {"z":{"y":1,"x":2}}, 3, "s" ]""", """[{"z":{"x":2,"y":1}},3,"s"]""")]
    [InlineData("""{"B":1,"a":2,"_":3,"aa":4}""", """{"B":1,"_":3,"a":2,"aa":4}""")]
    [InlineData("""{}""", """{}""")]
    [InlineData("""[]""", """[]""")]
    [InlineData("""  true """, """true""")]
    [InlineData("""null""", """null""")]
    public void CanonicalJson_SortsMembersOrdinally_AndDropsWhitespace(string json, string canonical)
    {
        Canonical(json).Should().Be(canonical);
    }

    [Theory]
    [InlineData("""1.0""", """1.0""")]
    [InlineData("""1e2""", """1e2""")]
    [InlineData("""-0""", """-0""")]
    [InlineData("""12345678901234567890123""", """12345678901234567890123""")]
    public void CanonicalJson_KeepsNumbersAsWritten(string json, string canonical)
    {
        Canonical(json).Should().Be(canonical);
    }

    [Fact]
    public void CanonicalJson_UnescapesAndReescapesStringsOneWay()
    {
        Canonical("""["\u0041", "\u00e9", "é", "a\"b", "tab\tnew\nline"]""")
            .Should().Be("""["A","é","é","a\"b","tab\tnew\nline"]""");
    }

    [Fact]
    public void CanonicalJson_SortsEscapedNamesByTheirUnescapedText()
    {
        Canonical("""{"\u0062":1,"a":2,"\u00e9":3,"z":4}""").Should().Be("""{"a":2,"b":1,"z":4,"é":3}""");
    }

    [Fact]
    public void CanonicalJson_KeepsDuplicateNamesInTheirOriginalOrder()
    {
        Canonical("""{"b":0,"a":2,"a":1}""").Should().Be("""{"a":2,"a":1,"b":0}""");
    }

    [Fact]
    public void CanonicalJson_RefusesADefaultElement()
    {
        var write = () => CanonicalJson.ToCanonicalString(default);

        write.Should().Throw<ArgumentException>().WithMessage("A default JsonElement holds no JSON value*");
    }

    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.ToCanonicalString(document.RootElement);
    }
}
