using System.Text.Json;

namespace AgentMesh.Node.Link;

// The agent → node frames of spec/agent-link.md after parsing and validation. Kept together: they
// are one contract, read side by side with the spec's table.

internal abstract record IncomingFrame;

internal sealed record HelloFrame(string AgentId, string Incarnation, long? ContextTokens, IReadOnlyDictionary<string, string>? Labels) : IncomingFrame;

internal sealed record WelcomeAckFrame(string WelcomeId) : IncomingFrame;

internal sealed record SessionStartedFrame(string SessionId, long? ContextTokens) : IncomingFrame;

internal sealed record UsageFrame(string? SessionId, string Provider, string Model, long InputTokens, long CachedInputTokens, long OutputTokens) : IncomingFrame;

internal sealed record ResultFrame(string SessionId, long MessageId, bool Ok, bool Retryable, string? Error) : IncomingFrame;

internal sealed record SessionEndedFrame(string SessionId, string? Reason) : IncomingFrame;

internal sealed record SendFrame(string Ref, string To, JsonElement Body, string? SessionKey, string Kind) : IncomingFrame;

internal sealed record FetchFrame(long After, int Limit) : IncomingFrame;

/// <summary>A frame that could not be accepted: answered with an <c>error</c> frame, no state changed.</summary>
internal sealed record InvalidFrame(string Code, string Message, string? Ref) : IncomingFrame;
