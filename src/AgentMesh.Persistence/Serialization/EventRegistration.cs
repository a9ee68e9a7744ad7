using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AgentMesh.Persistence.Serialization;

/// <summary>One registered type: its manifest and the source-generated metadata that (de)serializes it.</summary>
internal abstract class EventRegistration(Type type, string manifest)
{
    public Type Type { get; } = type;

    public string Manifest { get; } = manifest;

    public abstract byte[] Serialize(object value);

    /// <exception cref="JsonException">The payload is not valid JSON for the type.</exception>
    public abstract object? Deserialize(ReadOnlySpan<byte> payload);
}

internal sealed class EventRegistration<T>(string manifest, JsonTypeInfo<T> typeInfo)
    : EventRegistration(typeof(T), manifest)
    where T : notnull
{
    public override byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes((T)value, typeInfo);

    public override object? Deserialize(ReadOnlySpan<byte> payload) => JsonSerializer.Deserialize(payload, typeInfo);
}
