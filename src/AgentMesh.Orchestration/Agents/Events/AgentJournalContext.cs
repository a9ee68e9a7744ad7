using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Agents.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentRegistered))]
[JsonSerializable(typeof(IncarnationStarted))]
[JsonSerializable(typeof(WelcomeSent))]
[JsonSerializable(typeof(WelcomeAcked))]
[JsonSerializable(typeof(InboxMessageAccepted))]
[JsonSerializable(typeof(SessionOpened))]
[JsonSerializable(typeof(RunRecorded))]
[JsonSerializable(typeof(SessionClosed))]
[JsonSerializable(typeof(CircuitsReset))]
[JsonSerializable(typeof(AgentSuspended))]
[JsonSerializable(typeof(AgentResumed))]
[JsonSerializable(typeof(NudgeRecorded))]
[JsonSerializable(typeof(AgentSnapshot))]
internal sealed partial class AgentJournalContext : JsonSerializerContext;
