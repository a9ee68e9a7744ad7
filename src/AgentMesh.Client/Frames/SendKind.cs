using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>The <c>kind</c> of a <c>send</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SendKind>))]
public enum SendKind
{
    [JsonStringEnumMemberName("message")]
    Message,

    [JsonStringEnumMemberName("onboarding")]
    Onboarding,

    [JsonStringEnumMemberName("broadcast")]
    Broadcast,
}
