using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Budgets;

public sealed class PriceTableTests
{
    [Fact]
    public void PriceTable_Prices_EachKindOfTokenAtItsOwnRate()
    {
        PriceTable.Default.TryPrice(ModelKey.Parse("openai/gpt-4o"), 1_000_000, 1_000_000, 1_000_000, out var usage)
            .Should().BeTrue();

        usage.Should().Be(new UsageTally(1_000_000, 1_000_000, 1_000_000, 2.50m + 1.25m + 10.00m));
    }

    [Theory]
    [InlineData("openai/gpt-4o-mini", 0.15, 0.075, 0.60)]
    [InlineData("openai/gpt-4.1", 2.00, 0.50, 8.00)]
    [InlineData("anthropic/claude-sonnet-4-20250514", 3.00, 0.30, 15.00)]
    [InlineData("anthropic/claude-opus-4", 15.00, 1.50, 75.00)]
    [InlineData("anthropic/claude-3-5-haiku-20241022", 0.80, 0.08, 4.00)]
    [InlineData("Anthropic/Claude-3.5-Haiku", 0.80, 0.08, 4.00)]
    public void PriceTable_Default_KnowsTheShippedModels(string model, double input, double cached, double output)
    {
        PriceTable.Default.TryGetPrice(ModelKey.Parse(model), out var price).Should().BeTrue();

        price.Should().Be(new ModelPrice((decimal)input, (decimal)cached, (decimal)output));
    }

    [Theory]
    [InlineData("openai/gpt-4o-audio-preview")]
    [InlineData("openai/gpt-5")]
    [InlineData("mistral/gpt-4o")]
    public void PriceTable_ReportsAnUnknownModel_InsteadOfPricingItAtZero(string model)
    {
        PriceTable.Default.TryPrice(ModelKey.Parse(model), 1_000, 0, 100, out var usage).Should().BeFalse();

        usage.Should().Be(new UsageTally(1_000, 0, 100, 0m));
    }

    [Fact]
    public void PriceTable_With_AddsOrReplacesOneModel()
    {
        var gpt5 = ModelKey.Parse("openai/gpt-5");
        var table = PriceTable.Default.With(gpt5, new ModelPrice(1.25m, 0.125m, 10m)).With(gpt5, new ModelPrice(1m, 0.1m, 8m));

        table.TryPrice(gpt5, 1_000_000, 0, 0, out var usage).Should().BeTrue();

        usage.CostUsd.Should().Be(1m);
        table.Prices.Should().HaveCount(PriceTable.Default.Prices.Count + 1);
    }

    [Fact]
    public void UsageTally_AddsAndSubtracts_AndMetersUncachedInputPlusOutput()
    {
        var a = new UsageTally(100, 1_000, 10, 0.5m);
        var b = new UsageTally(1, 2, 3, 0.25m);

        (a + b).Should().Be(new UsageTally(101, 1_002, 13, 0.75m));
        (a + b - b).Should().Be(a);
        a.MeteredTokens.Should().Be(110);
        a.TotalTokens.Should().Be(1_110);
    }
}
