using System.Collections.Frozen;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Provider and model → list price. Lookups are exact (after <see cref="ModelKey"/>'s lower-casing):
/// a model that is not in the table is reported as unknown, never priced at zero and never guessed
/// from a similar name (<c>gpt-4o-audio-preview</c> is not priced as <c>gpt-4o</c>).
/// </summary>
public sealed class PriceTable
{
    public PriceTable(IEnumerable<KeyValuePair<ModelKey, ModelPrice>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        Prices = prices.ToFrozenDictionary();
    }

    /// <summary>
    /// List prices as published on the providers' pricing pages, as of the author's knowledge
    /// (mid-2025); docs/budgets.md lists them. Configuration should override them when they change.
    /// Dated snapshots and aliases are listed one by one because lookups are exact.
    /// </summary>
    public static PriceTable Default { get; } = new(DefaultPrices());

    public IReadOnlyDictionary<ModelKey, ModelPrice> Prices { get; }

    public bool TryGetPrice(ModelKey model, out ModelPrice price)
    {
        if (Prices.TryGetValue(model, out var found))
        {
            price = found;
            return true;
        }

        price = ModelPrice.Unknown;
        return false;
    }

    /// <summary>
    /// The usage of one model call with its cost. For an unknown model answers
    /// <see langword="false"/> and a tally with the tokens and a cost of 0, so the tokens still
    /// count while the caller reports the unknown model.
    /// </summary>
    public bool TryPrice(ModelKey model, long inputTokens, long cachedInputTokens, long outputTokens, out UsageTally usage)
    {
        var known = TryGetPrice(model, out var price);
        usage = new UsageTally(
            inputTokens,
            cachedInputTokens,
            outputTokens,
            known ? price.CostOf(inputTokens, cachedInputTokens, outputTokens) : 0m);
        return known;
    }

    /// <summary>This table with <paramref name="model"/> priced at <paramref name="price"/> (added or replaced).</summary>
    public PriceTable With(ModelKey model, ModelPrice price) =>
        new(Prices.Where(p => p.Key != model).Append(KeyValuePair.Create(model, price)));

    private static IEnumerable<KeyValuePair<ModelKey, ModelPrice>> DefaultPrices()
    {
        // OpenAI, https://openai.com/api/pricing (per 1M tokens: input, cached input, output);
        // as of mid-2025, the author's knowledge.
        var gpt4o = new ModelPrice(2.50m, 1.25m, 10.00m);
        var gpt4oMini = new ModelPrice(0.15m, 0.075m, 0.60m);
        var gpt41 = new ModelPrice(2.00m, 0.50m, 8.00m);
        var gpt41Mini = new ModelPrice(0.40m, 0.10m, 1.60m);

        // Anthropic, https://www.anthropic.com/pricing#api and
        // https://docs.anthropic.com/en/docs/about-claude/pricing (per 1M tokens: base input,
        // cache hits and refreshes = 0.1 × input, output); as of mid-2025, the author's knowledge.
        // Cache writes (1.25 × input) are not reported by the agent link and so not priced.
        var sonnet4 = new ModelPrice(3.00m, 0.30m, 15.00m);
        var opus4 = new ModelPrice(15.00m, 1.50m, 75.00m);
        var haiku35 = new ModelPrice(0.80m, 0.08m, 4.00m);

        (string Provider, string Model, ModelPrice Price)[] rows =
        [
            ("openai", "gpt-4o", gpt4o),
            ("openai", "gpt-4o-2024-08-06", gpt4o),
            ("openai", "gpt-4o-2024-11-20", gpt4o),
            ("openai", "gpt-4o-mini", gpt4oMini),
            ("openai", "gpt-4o-mini-2024-07-18", gpt4oMini),
            ("openai", "gpt-4.1", gpt41),
            ("openai", "gpt-4.1-2025-04-14", gpt41),
            ("openai", "gpt-4.1-mini", gpt41Mini),
            ("openai", "gpt-4.1-mini-2025-04-14", gpt41Mini),
            ("anthropic", "claude-sonnet-4", sonnet4),
            ("anthropic", "claude-sonnet-4-0", sonnet4),
            ("anthropic", "claude-sonnet-4-20250514", sonnet4),
            ("anthropic", "claude-opus-4", opus4),
            ("anthropic", "claude-opus-4-0", opus4),
            ("anthropic", "claude-opus-4-20250514", opus4),
            ("anthropic", "claude-3.5-haiku", haiku35),
            ("anthropic", "claude-3-5-haiku-latest", haiku35),
            ("anthropic", "claude-3-5-haiku-20241022", haiku35),
        ];
        return rows.Select(r => KeyValuePair.Create(new ModelKey(r.Provider, r.Model), r.Price));
    }
}
