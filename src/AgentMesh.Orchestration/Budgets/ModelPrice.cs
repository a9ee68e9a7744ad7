namespace AgentMesh.Orchestration.Budgets;

/// <summary>A model's list price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Uncached input tokens.</param>
/// <param name="CachedInputPerMillion">Input tokens read from the prompt cache.</param>
/// <param name="OutputPerMillion">Output tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion)
{
    /// <summary>What <see cref="PriceTable.TryGetPrice"/> answers for a model it does not know; not a price to charge.</summary>
    public static ModelPrice Unknown { get; } = new(0m, 0m, 0m);

    public decimal CostOf(long inputTokens, long cachedInputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillion) + (cachedInputTokens * CachedInputPerMillion) + (outputTokens * OutputPerMillion))
        / 1_000_000m;
}
