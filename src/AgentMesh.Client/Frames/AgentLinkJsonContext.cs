using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>
/// Source-generated metadata for every frame: camelCase names, absent optional fields left out,
/// a missing required field or a <see langword="null"/> in a non-nullable one is an error, and the
/// <c>type</c> field may come anywhere in the object.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(AgentFrame))]
[JsonSerializable(typeof(HelloFrame))]
[JsonSerializable(typeof(WelcomeAckFrame))]
[JsonSerializable(typeof(SessionStartedFrame))]
[JsonSerializable(typeof(UsageFrame))]
[JsonSerializable(typeof(ResultFrame))]
[JsonSerializable(typeof(SessionEndedFrame))]
[JsonSerializable(typeof(SendFrame))]
[JsonSerializable(typeof(FetchFrame))]
[JsonSerializable(typeof(NodeFrame))]
[JsonSerializable(typeof(HelloOkFrame))]
[JsonSerializable(typeof(WelcomeFrame))]
[JsonSerializable(typeof(DeliverFrame))]
[JsonSerializable(typeof(NudgeFrame))]
[JsonSerializable(typeof(StopSessionFrame))]
[JsonSerializable(typeof(SuspendedFrame))]
[JsonSerializable(typeof(ResumedFrame))]
[JsonSerializable(typeof(SentFrame))]
[JsonSerializable(typeof(RejectedFrame))]
[JsonSerializable(typeof(ErrorFrame))]
internal sealed partial class AgentLinkJsonContext : JsonSerializerContext;
