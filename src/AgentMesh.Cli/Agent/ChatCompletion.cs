namespace AgentMesh.Cli.Agent;

/// <summary>A successful chat completion: the reply and the call's token usage as the endpoint reported it.</summary>
/// <param name="Content">The text of <c>choices[0].message.content</c>.</param>
/// <param name="PromptTokens"><c>usage.prompt_tokens</c>: every input token, cached ones included.</param>
/// <param name="CachedTokens"><c>usage.prompt_tokens_details.cached_tokens</c>, the part of the prompt read from cache.</param>
/// <param name="CompletionTokens"><c>usage.completion_tokens</c>.</param>
internal sealed record ChatCompletion(string Content, long PromptTokens, long CachedTokens, long CompletionTokens)
{
    /// <summary>Input not read from cache: the <c>inputTokens</c> of a <c>usage</c> frame (docs/budgets.md).</summary>
    public long UncachedInputTokens => Math.Max(0, PromptTokens - CachedTokens);
}
