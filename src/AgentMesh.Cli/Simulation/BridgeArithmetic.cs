namespace AgentMesh.Cli.Demo;

/// <summary>
/// What a forward-everything bridge spends for the same traffic: every re-sent onboarding payload is
/// forwarded and starts a fresh session that loads the full context, as in the field incident.
/// Costs for both sides use one list price, so that only the token counts differ.
/// </summary>
internal static class BridgeArithmetic
{
    /// <summary>Tokens a fresh session of the newcomer loads (the field's ~80K).</summary>
    public const long ContextTokens = 80_000;

    /// <summary>New input and output tokens of the one turn that answers the payload.</summary>
    public const long TurnInputTokens = 500;

    public const long TurnOutputTokens = 600;

    /// <summary>claude-sonnet-4 list prices in USD per million tokens (docs/budgets.md, mid-2025).</summary>
    public const decimal InputPricePerMillion = 3.00m;

    public const decimal OutputPricePerMillion = 15.00m;

    public const string PricedAs = "claude-sonnet-4 list prices ($3/M in, $15/M out)";

    public static long InputTokens(int forwarded) => forwarded * (ContextTokens + TurnInputTokens);

    public static long OutputTokens(int forwarded) => forwarded * TurnOutputTokens;

    public static decimal Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPricePerMillion + outputTokens * OutputPricePerMillion) / 1_000_000m;
}
