using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Dedup;

/// <summary>
/// Stores a <see cref="MessageFingerprint"/> as its 64 lower-case hex digits, the form journals have
/// always held, without an intermediate string in either direction.
/// </summary>
public sealed class MessageFingerprintJsonConverter : JsonConverter<MessageFingerprint>
{
    private const int HexLength = MessageFingerprint.Size * 2;

    public override MessageFingerprint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A fingerprint is a string of {HexLength} hex digits; got {reader.TokenType}.");
        }

        Span<byte> hash = stackalloc byte[MessageFingerprint.Size];
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length == HexLength
            && Convert.FromHexString(reader.ValueSpan, hash, out _, out var written) == OperationStatus.Done
            && written == MessageFingerprint.Size)
        {
            return new MessageFingerprint(hash);
        }

        // Escaped or split text is rare enough to go through a string.
        return MessageFingerprint.TryParse(reader.GetString(), out var fingerprint)
            ? fingerprint
            : throw new JsonException($"A fingerprint is {HexLength} hex digits; got '{reader.GetString()}'.");
    }

    public override void Write(Utf8JsonWriter writer, MessageFingerprint value, JsonSerializerOptions options)
    {
        Span<byte> hash = stackalloc byte[MessageFingerprint.Size];
        value.CopyTo(hash);
        Span<byte> hex = stackalloc byte[HexLength];
        Convert.TryToHexStringLower(hash, hex, out _);
        writer.WriteStringValue(hex);
    }
}
