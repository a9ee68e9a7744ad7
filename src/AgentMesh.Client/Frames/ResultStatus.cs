using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>The <c>status</c> of a <c>result</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResultStatus>))]
public enum ResultStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("failed")]
    Failed,
}
