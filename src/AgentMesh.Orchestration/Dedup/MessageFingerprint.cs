using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentMesh.Orchestration.Dedup;

/// <summary>
/// The SHA-256 of (sender, recipient, canonical body): what makes two sends "the same message" for
/// duplicate suppression. A 32-byte value type; <see cref="ToString"/> and its JSON form are lower-case hex.
/// </summary>
/// <remarks>
/// <para>The hashed bytes are a kind tag, then sender and recipient each as a 4-byte big-endian
/// UTF-8 length and the UTF-8 text, then <see cref="CanonicalJson"/> of the body. The lengths keep
/// (<c>"ab"</c>, <c>"c"</c>) apart from (<c>"a"</c>, <c>"bc"</c>); the tag keeps message
/// fingerprints apart from <see cref="ForIdempotencyKey"/> ones, so both can share a window.</para>
/// <para>A text body is the JSON string it would be on the wire: <c>Compute(s, r, "hi")</c> equals
/// the fingerprint of the JSON value <c>"hi"</c>.</para>
/// <para>The bytes are assembled in a per-thread buffer and hashed with
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>; a call allocates nothing once the
/// buffer has grown to the message size, except for object member names written with escapes.</para>
/// </remarks>
[JsonConverter(typeof(MessageFingerprintJsonConverter))]
public readonly record struct MessageFingerprint
{
    public const int Size = 32;

    private const byte MessageTag = 1;
    private const byte IdempotencyKeyTag = 2;

    // Buffers larger than this are not kept between calls, so one huge body does not pin memory.
    private const int MaxRetainedBuffer = 256 * 1024;

    [ThreadStatic]
    private static Scratch? _scratch;

    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly ulong _word2;
    private readonly ulong _word3;

    /// <param name="hash">Exactly <see cref="Size"/> bytes.</param>
    public MessageFingerprint(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A fingerprint is {Size} bytes; got {hash.Length}.", nameof(hash));
        }

        _word0 = BinaryPrimitives.ReadUInt64BigEndian(hash);
        _word1 = BinaryPrimitives.ReadUInt64BigEndian(hash[8..]);
        _word2 = BinaryPrimitives.ReadUInt64BigEndian(hash[16..]);
        _word3 = BinaryPrimitives.ReadUInt64BigEndian(hash[24..]);
    }

    /// <summary>The fingerprint of a JSON body sent from <paramref name="sender"/> to <paramref name="recipient"/>.</summary>
    public static MessageFingerprint Compute(string sender, string recipient, JsonElement body)
    {
        var scratch = Begin(MessageTag, sender, recipient);
        CanonicalJson.WriteTo(body, scratch.Writer);
        return scratch.Finish();
    }

    /// <summary>The fingerprint of a text body: the same as for the JSON string with that text.</summary>
    public static MessageFingerprint Compute(string sender, string recipient, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var scratch = Begin(MessageTag, sender, recipient);
        scratch.Writer.WriteStringValue(body);
        return scratch.Finish();
    }

    /// <summary>
    /// The fingerprint of a sender's own idempotency key: two sends with the same key from the same
    /// sender are one message, whatever their bodies. Never equal to a message fingerprint.
    /// </summary>
    public static MessageFingerprint ForIdempotencyKey(string sender, string key) =>
        Begin(IdempotencyKeyTag, sender, key).Finish();

    public static MessageFingerprint Parse(string hex) =>
        TryParse(hex, out var fingerprint)
            ? fingerprint
            : throw new FormatException($"A fingerprint is {Size * 2} hex digits; got '{hex}'.");

    public static bool TryParse([NotNullWhen(true)] string? hex, out MessageFingerprint fingerprint)
    {
        Span<byte> bytes = stackalloc byte[Size];
        if (hex is { Length: Size * 2 } && Convert.FromHexString(hex, bytes, out _, out var written) == OperationStatus.Done
            && written == Size)
        {
            fingerprint = new MessageFingerprint(bytes);
            return true;
        }

        fingerprint = default;
        return false;
    }

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A fingerprint needs {Size} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _word3);
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static Scratch Begin(byte tag, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var scratch = _scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Buffer.GetSpan(1)[0] = tag;
        scratch.Buffer.Advance(1);
        scratch.WriteField(first);
        scratch.WriteField(second);
        scratch.Writer.Reset(scratch.Buffer);
        return scratch;
    }

    /// <summary>
    /// One thread's buffer and writer. Used only between <see cref="Begin"/> and
    /// <see cref="Finish"/> of one call, which never re-enters, so per-thread reuse is safe.
    /// </summary>
    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null, CanonicalJson.WriterOptions);

        public void WriteField(string text)
        {
            var span = Buffer.GetSpan(sizeof(int) + Encoding.UTF8.GetMaxByteCount(text.Length));
            var length = Encoding.UTF8.GetBytes(text, span[sizeof(int)..]);
            BinaryPrimitives.WriteInt32BigEndian(span, length);
            Buffer.Advance(sizeof(int) + length);
        }

        public MessageFingerprint Finish()
        {
            Writer.Flush();
            Span<byte> hash = stackalloc byte[Size];
            SHA256.HashData(Buffer.WrittenSpan, hash);
            if (Buffer.Capacity > MaxRetainedBuffer)
            {
                _scratch = null;
            }

            return new MessageFingerprint(hash);
        }
    }
}
