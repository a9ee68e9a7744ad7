namespace AgentMesh.Cli.Agent;

/// <summary>One message of an OpenAI chat conversation: <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
internal sealed record ChatMessage(string Role, string Content);
