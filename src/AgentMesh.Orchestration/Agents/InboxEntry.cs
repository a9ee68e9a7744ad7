using System.Text.Json;

namespace AgentMesh.Orchestration.Agents;

/// <summary>A message in an agent's inbox that is not done yet; <see cref="Attempts"/> counts retryable failures so far.</summary>
public sealed record InboxEntry(
    long MessageId,
    string From,
    JsonElement Body,
    string SessionKey,
    string Kind,
    DateTimeOffset AcceptedAt,
    int Attempts = 0);
