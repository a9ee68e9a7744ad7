using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AgentMesh.Client.Frames;

/// <summary>
/// The JSON form of the frames of spec/agent-link.md: one UTF-8 object per frame, camelCase fields,
/// <c>type</c> first when written and anywhere when read, unknown fields ignored, optional fields
/// left out when <see langword="null"/>. Stateless and thread-safe.
/// </summary>
public static class AgentLinkCodec
{
    // Relaxed escaping: the frames travel on a WebSocket, never inside HTML, so only what JSON itself
    // requires is escaped ("'", "<" or "é" stay as they are), as other languages' encoders write them.
    private static readonly AgentLinkJsonContext Json = new(
        new JsonSerializerOptions(AgentLinkJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private const int MaxRetainedScratch = 64 * 1024;

    [ThreadStatic]
    private static SendScratch? t_sendScratch;

    /// <summary>The UTF-8 JSON of an agent frame.</summary>
    public static byte[] Encode(AgentFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame is SendFrame send ? EncodeSend(send) : JsonSerializer.SerializeToUtf8Bytes(frame, Json.AgentFrame);
    }

    /// <summary>
    /// The UTF-8 JSON of a node frame (what a node, or a test playing one, sends). An
    /// <see cref="UnknownFrame"/> is written as the frame it carries.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="frame"/> is a <see cref="MalformedFrame"/>, which has no JSON form.</exception>
    public static byte[] Encode(NodeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame switch
        {
            UnknownFrame unknown => JsonSerializer.SerializeToUtf8Bytes(unknown.Frame, Json.JsonElement),
            MalformedFrame => throw new ArgumentException("A malformed frame is never sent.", nameof(frame)),
            _ => JsonSerializer.SerializeToUtf8Bytes(frame, Json.NodeFrame),
        };
    }

    /// <summary>
    /// A <c>send</c>, the frame an agent writes most, written field by field into a per-thread buffer:
    /// the same JSON as the serializer's (field order, relaxed escaping, <c>sessionKey</c> left out
    /// when null) without its polymorphic path. AgentLinkCodecTests holds both to the same text.
    /// </summary>
    private static byte[] EncodeSend(SendFrame send)
    {
        var writer = BeginSend(send.Ref, send.To);
        send.Body.WriteTo(writer);
        return EndSend(writer, send.SessionKey, send.Kind);
    }

    /// <summary>
    /// The <c>send</c> of a text body, written straight from the string: the same JSON as a
    /// <see cref="SendFrame"/> whose body is that JSON string, with the same checks of its fields,
    /// and no document for the body on the way.
    /// </summary>
    /// <exception cref="ArgumentException">A field breaks the spec's rules.</exception>
    internal static byte[] EncodeTextSend(string reference, string to, string text, string? sessionKey, SendKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var writer = BeginSend(LinkText.Required(reference, "A ref", "ref"), LinkText.Recipient(to, "to"));
        writer.WriteStringValue(text);
        return EndSend(
            writer,
            LinkText.OptionalSessionKey(sessionKey, "sessionKey"),
            Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "A send kind must be Message, Onboarding or Broadcast."));
    }

    /// <summary>Starts a <c>send</c> in this thread's buffer, up to the <c>body</c> field's name.</summary>
    private static Utf8JsonWriter BeginSend(string reference, string to)
    {
        var scratch = t_sendScratch ??= new SendScratch();
        scratch.Buffer.ResetWrittenCount();
        var writer = scratch.Writer;
        writer.Reset(scratch.Buffer);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "send"u8);
        writer.WriteString("ref"u8, reference);
        writer.WriteString("to"u8, to);
        writer.WritePropertyName("body"u8);
        return writer;
    }

    /// <summary>Ends the <c>send</c> that <see cref="BeginSend"/> started (its body written) and takes its bytes.</summary>
    private static byte[] EndSend(Utf8JsonWriter writer, string? sessionKey, SendKind kind)
    {
        if (sessionKey is not null)
        {
            writer.WriteString("sessionKey"u8, sessionKey);
        }

        writer.WriteString("kind"u8, kind switch
        {
            SendKind.Onboarding => "onboarding"u8,
            SendKind.Broadcast => "broadcast"u8,
            _ => "message"u8,
        });
        writer.WriteEndObject();
        writer.Flush();

        // BeginSend put this thread's scratch in place; nothing in between re-enters it.
        var buffer = t_sendScratch!.Buffer;
        var utf8 = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedScratch)
        {
            t_sendScratch = null; // One huge body does not pin its buffer to the thread.
        }

        return utf8;
    }

    public static string EncodeToString(AgentFrame frame) => Encoding.UTF8.GetString(Encode(frame));

    public static string EncodeToString(NodeFrame frame) => Encoding.UTF8.GetString(Encode(frame));

    /// <summary>
    /// Reads a frame from the node. Never throws for bad input: a frame whose <c>type</c> is not one
    /// of version 1 becomes an <see cref="UnknownFrame"/>, one that cannot be read a
    /// <see cref="MalformedFrame"/>.
    /// </summary>
    public static NodeFrame DecodeNodeFrame(ReadOnlySpan<byte> utf8)
    {
        if (TryReadSent(utf8) is { } sent)
        {
            return sent;
        }

        if (!TryReadType(utf8, out var type, out var problem))
        {
            return new MalformedFrame(null, problem, Text(utf8));
        }

        try
        {
            NodeFrame? frame = type switch
            {
                FrameTypes.HelloOk => Read(utf8, Json.HelloOkFrame),
                FrameTypes.Welcome => Read(utf8, Json.WelcomeFrame),
                FrameTypes.Deliver => Read(utf8, Json.DeliverFrame),
                FrameTypes.Nudge => Read(utf8, Json.NudgeFrame),
                FrameTypes.StopSession => Read(utf8, Json.StopSessionFrame),
                FrameTypes.Suspended => Read(utf8, Json.SuspendedFrame),
                FrameTypes.Resumed => Read(utf8, Json.ResumedFrame),
                FrameTypes.Sent => Read(utf8, Json.SentFrame),
                FrameTypes.Rejected => Read(utf8, Json.RejectedFrame),
                FrameTypes.Error => Read(utf8, Json.ErrorFrame),
                _ => null,
            };
            return frame ?? new UnknownFrame(type, JsonSerializer.Deserialize(utf8, Json.JsonElement));
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return new MalformedFrame(type, e.Message, Text(utf8));
        }
    }

    public static NodeFrame DecodeNodeFrame(string json) => DecodeNodeFrame(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a frame from an agent (what a node, or a test playing one, receives).</summary>
    /// <exception cref="JsonException">
    /// The frame is not a JSON object, has no known <c>type</c>, lacks a required field, or holds a
    /// value the spec forbids (the <see cref="ArgumentException"/> of the frame's constructor is the
    /// inner exception).
    /// </exception>
    public static AgentFrame DecodeAgentFrame(ReadOnlySpan<byte> utf8)
    {
        if (!TryReadType(utf8, out var type, out var problem))
        {
            throw new JsonException(problem);
        }

        try
        {
            return type switch
            {
                FrameTypes.Hello => Read(utf8, Json.HelloFrame),
                FrameTypes.WelcomeAck => Read(utf8, Json.WelcomeAckFrame),
                FrameTypes.SessionStarted => Read(utf8, Json.SessionStartedFrame),
                FrameTypes.Usage => Read(utf8, Json.UsageFrame),
                FrameTypes.Result => Read(utf8, Json.ResultFrame),
                FrameTypes.SessionEnded => Read(utf8, Json.SessionEndedFrame),
                FrameTypes.Send => Read(utf8, Json.SendFrame),
                FrameTypes.Fetch => Read(utf8, Json.FetchFrame),
                _ => throw new JsonException($"Unknown frame type '{type}'."),
            };
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"Invalid '{type}' frame: {e.Message}", e);
        }
    }

    public static AgentFrame DecodeAgentFrame(string json) => DecodeAgentFrame(Encoding.UTF8.GetBytes(json));

    // TryReadType has checked that the input is an object, so the result is never the JSON null literal.
    private static T Read<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(utf8, info) ?? throw new JsonException("A frame must be a JSON object.");

    /// <summary>
    /// A well-formed <c>sent</c>, the frame an agent reads most, read field by field: the same frame as
    /// the serializer's without its type lookup and constructor-argument state. Anything else (another
    /// type, a missing or mistyped field) is <see langword="null"/> and goes the general way, which
    /// says what is wrong with it.
    /// </summary>
    private static SentFrame? TryReadSent(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var isSent = false;
            string? reference = null;
            long? messageId = null;
            var duplicate = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals(FrameTypes.PropertyName) ? 1
                    : reader.ValueTextEquals("ref"u8) ? 2
                    : reader.ValueTextEquals("messageId"u8) ? 3
                    : reader.ValueTextEquals("duplicate"u8) ? 4
                    : 0;
                reader.Read();
                switch (field)
                {
                    case 1 when reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(FrameTypes.Sent):
                        isSent = true;
                        break;
                    case 2 when reader.TokenType == JsonTokenType.String:
                        reference = reader.GetString();
                        break;
                    case 3 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id):
                        messageId = id;
                        break;
                    case 4 when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                        duplicate = reader.GetBoolean();
                        break;
                    case 0:
                        reader.Skip();
                        break;
                    default:
                        return null;
                }
            }

            return isSent && reference is not null && messageId is { } found && reader.TokenType == JsonTokenType.EndObject
                ? new SentFrame(reference, found, duplicate)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Finds the top-level <c>type</c> without materialising the frame.</summary>
    private static bool TryReadType(ReadOnlySpan<byte> utf8, out string type, out string problem)
    {
        type = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "A frame must be a JSON object.";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals(FrameTypes.PropertyName);
                reader.Read();
                if (isType)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        problem = "A frame's 'type' must be a string.";
                        return false;
                    }

                    type = reader.GetString() ?? string.Empty;
                    problem = string.Empty;
                    return true;
                }

                reader.Skip();
            }

            problem = "A frame must have a 'type'.";
            return false;
        }
        catch (JsonException e)
        {
            problem = $"A frame must be valid JSON: {e.Message}";
            return false;
        }
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>One thread's buffer and writer for <see cref="EncodeSend"/>, which never re-enters.</summary>
    private sealed class SendScratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(512);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
