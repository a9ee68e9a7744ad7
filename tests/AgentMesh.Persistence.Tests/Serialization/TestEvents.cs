using System.Text.Json.Serialization;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.Tests.Serialization;

public sealed record WelcomeSent(string AgentId, string Incarnation);

public sealed record MessageAccepted(string AgentId, long MessageId, string BodySha256);

/// <summary>Serializable, but deliberately left out of the registry.</summary>
public sealed record NeverRegistered(string Value);

[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(WelcomeSent))]
[JsonSerializable(typeof(MessageAccepted))]
[JsonSerializable(typeof(NeverRegistered))]
internal sealed partial class TestEventsJsonContext : JsonSerializerContext;

/// <summary>The small event set the tests store, registered the way production code registers its events.</summary>
public static class TestEvents
{
    public const string WelcomeSentManifest = "agent.welcome-sent.v1";
    public const string MessageAcceptedManifest = "agent.message-accepted.v1";

    public static EventManifestRegistry Registry() => new EventManifestRegistry()
        .Register(WelcomeSentManifest, TestEventsJsonContext.Default.WelcomeSent)
        .Register(MessageAcceptedManifest, TestEventsJsonContext.Default.MessageAccepted);

    public static EventSerializer Serializer { get; } = new(Registry());

    internal static TestEventsJsonContext Context => TestEventsJsonContext.Default;
}
