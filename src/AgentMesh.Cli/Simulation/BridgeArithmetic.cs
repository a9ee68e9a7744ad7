using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// What a forward-everything bridge spends: every message it forwards starts a fresh session that
/// loads the agent's full context (a watcher's tick also re-reads the conversation so far), with no
/// prompt cache across sessions, as in the field incidents. Used by <c>agentmesh demo</c> (its
/// constants are the demo's newcomer) and by <see cref="BridgeModel"/> for any scenario.
/// </summary>
internal static class BridgeArithmetic
{
    /// <summary>Tokens a fresh session of the demo's newcomer loads (the field's ~80K).</summary>
    public const long ContextTokens = 80_000;

    /// <summary>New input and output tokens of the one turn that answers the demo's payload.</summary>
    public const long TurnInputTokens = 500;

    public const long TurnOutputTokens = 600;

    public const string PricedAs = "claude-sonnet-4 list prices ($3/M in, $15/M out)";

    /// <summary>claude-sonnet-4's list price (docs/budgets.md, mid-2025), the demo's single price.</summary>
    public static ModelPrice DemoPrice { get; } = PriceTable.Default.TryGetPrice(new ModelKey("anthropic", "claude-sonnet-4"), out var price)
        ? price
        : throw new InvalidOperationException("The default price table has no anthropic/claude-sonnet-4.");

    /// <summary>Uncached input of one forwarded message: the context, the conversation re-read (watchers only), the turn.</summary>
    public static long ForwardedInput(long contextTokens, long turnInputTokens, long conversationTokens = 0) =>
        contextTokens + conversationTokens + turnInputTokens;

    public static long InputTokens(int forwarded) => forwarded * ForwardedInput(ContextTokens, TurnInputTokens);

    public static long OutputTokens(int forwarded) => forwarded * TurnOutputTokens;

    /// <summary>The demo's cost: uncached input and output at <see cref="DemoPrice"/>.</summary>
    public static decimal Cost(long inputTokens, long outputTokens) => DemoPrice.CostOf(inputTokens, 0, outputTokens);

    /// <summary>The price table with a scenario's prices added or replaced.</summary>
    public static PriceTable PricesFor(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var table = PriceTable.Default;
        foreach (var price in scenario.Prices)
        {
            table = table.With(ModelKey.Parse(price.Model), new ModelPrice(price.Input, price.CachedInput, price.Output));
        }

        return table;
    }

    /// <summary>
    /// The cost of the tokens at every distinct price of the table: aliases and dated snapshots of one
    /// price are shown once, under the shortest name; ordered by provider, then name.
    /// </summary>
    public static IReadOnlyList<ProviderCost> CostsAtEveryPrice(PriceTable prices, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return prices.Prices
            .GroupBy(p => (p.Key.Provider, p.Value))
            .Select(g => (Name: g.Select(p => p.Key.ToString()).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).First(), Price: g.Key.Value))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new ProviderCost(p.Name, decimal.Round(p.Price.CostOf(inputTokens, cachedInputTokens, outputTokens), 4)))
            .ToList();
    }
}
