using AgentMesh.Node.Metrics;

namespace AgentMesh.Node.Tests.Metrics;

public sealed class PrometheusTextTests
{
    [Theory]
    [InlineData("agentmesh.http.duration", "s", false, "agentmesh_http_duration_seconds")]
    [InlineData("agentmesh.http.duration_seconds", "s", false, "agentmesh_http_duration_seconds")]
    [InlineData("agentmesh.messages", "{message}", true, "agentmesh_messages_total")]
    [InlineData("agentmesh.messages_total", null, true, "agentmesh_messages_total")]
    [InlineData("agentmesh.tokens", "{token}", true, "agentmesh_tokens_total")]
    [InlineData("agentmesh.throughput", "By/s", false, "agentmesh_throughput_bytes_per_second")]
    [InlineData("agentmesh.rate", "{request}/s", false, "agentmesh_rate_per_second")]
    [InlineData("agentmesh.cpu", "%", false, "agentmesh_cpu_percent")]
    [InlineData("agentmesh.ratio", "1", false, "agentmesh_ratio")]
    [InlineData("agentmesh.cost", "USD", true, "agentmesh_cost_USD_total")]
    [InlineData("9lives", null, false, "_9lives")]
    [InlineData("name with spaces/and:colons-é", null, false, "name_with_spaces_and:colons__")]
    public void MetricName_IsSanitised_WithUnitAndCounterSuffixes(string instrument, string? unit, bool counter, string expected) =>
        PrometheusText.MetricName(instrument, unit, counter).Should().Be(expected);

    [Theory]
    [InlineData("http.route", "http_route")]
    [InlineData("0abc", "_0abc")]
    [InlineData("a:b", "a_b")]
    public void LabelName_IsSanitised(string key, string expected) => PrometheusText.LabelName(key).Should().Be(expected);

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(3d, "3")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1E+21")]
    public void Numbers_UseTheFormatsPrometheusParses(double value, string expected) => PrometheusText.Number(value).Should().Be(expected);

    [Fact]
    public void LabelValues_EscapeBackslashQuoteAndNewline_AndRenderInvariantly()
    {
        PrometheusText.EscapeLabelValue("a\\b\"c\nd").Should().Be("a\\\\b\\\"c\\nd");
        PrometheusText.LabelText(true).Should().Be("true");
        PrometheusText.LabelText(1.5).Should().Be("1.5");
        PrometheusText.LabelText(null).Should().BeEmpty();
    }
}
