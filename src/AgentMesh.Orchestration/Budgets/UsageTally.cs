using System.Numerics;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// Tokens and their cost, as reported by <c>usage</c> frames and added up by budgets.
/// <see cref="InputTokens"/> are uncached input tokens; <see cref="CachedInputTokens"/> are input
/// tokens read from the provider's prompt cache, priced lower and counted apart.
/// </summary>
public readonly record struct UsageTally(long InputTokens, long CachedInputTokens, long OutputTokens, decimal CostUsd)
    : IAdditionOperators<UsageTally, UsageTally, UsageTally>,
      ISubtractionOperators<UsageTally, UsageTally, UsageTally>
{
    /// <summary>
    /// The tokens that count against token limits and velocity: uncached input plus output.
    /// Cache reads are left out because a healthy session re-reads its whole context on every
    /// turn (30 turns of an 80K context are 2.4M cached tokens): counting them would force token
    /// limits so high that they could not catch a loop. Their cost still counts against cost limits.
    /// </summary>
    public long MeteredTokens => InputTokens + OutputTokens;

    public long TotalTokens => InputTokens + CachedInputTokens + OutputTokens;

    public static UsageTally operator +(UsageTally left, UsageTally right) => new(
        left.InputTokens + right.InputTokens,
        left.CachedInputTokens + right.CachedInputTokens,
        left.OutputTokens + right.OutputTokens,
        left.CostUsd + right.CostUsd);

    public static UsageTally operator -(UsageTally left, UsageTally right) => new(
        left.InputTokens - right.InputTokens,
        left.CachedInputTokens - right.CachedInputTokens,
        left.OutputTokens - right.OutputTokens,
        left.CostUsd - right.CostUsd);
}
