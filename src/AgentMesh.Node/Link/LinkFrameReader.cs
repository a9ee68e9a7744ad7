using System.Text.Json;

namespace AgentMesh.Node.Link;

/// <summary>
/// Parses one text frame into an <see cref="IncomingFrame"/>. Never throws for bad input: a frame
/// that is not JSON, has no known <c>type</c>, or misses or mistypes a field becomes an
/// <see cref="InvalidFrame"/> naming the field. Unknown fields are ignored, as the spec says.
/// </summary>
internal static class LinkFrameReader
{
    public static IncomingFrame Read(ReadOnlySpan<byte> utf8)
    {
        if (TryReadSend(utf8) is { } send)
        {
            return send;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return new InvalidFrame("malformed", $"The frame is not valid JSON: {ex.Message}", null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new InvalidFrame("malformed", "A frame must be a JSON object.", null);
            }

            var reference = root.TryGetProperty("ref", out var refElement) && refElement.ValueKind == JsonValueKind.String ? refElement.GetString() : null;
            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return new InvalidFrame("invalid", "Every frame needs a string field 'type'.", reference);
            }

            var type = KnownType(typeElement) ?? typeElement.GetString();
            try
            {
                return type switch
                {
                    "hello" => ReadHello(root),
                    "welcome-ack" => new WelcomeAckFrame(RequiredString(root, "welcomeId")),
                    "session-started" => new SessionStartedFrame(RequiredString(root, "sessionId"), OptionalLong(root, "contextTokens")),
                    "usage" => new UsageFrame(
                        OptionalString(root, "sessionId"),
                        RequiredString(root, "provider"),
                        RequiredString(root, "model"),
                        RequiredCount(root, "inputTokens"),
                        OptionalLong(root, "cachedInputTokens") ?? 0,
                        RequiredCount(root, "outputTokens")),
                    "result" => ReadResult(root),
                    "session-ended" => new SessionEndedFrame(RequiredString(root, "sessionId"), OptionalString(root, "reason")),
                    "send" => ReadSend(root),
                    "fetch" => new FetchFrame(OptionalLong(root, "after") ?? 0, (int)Math.Clamp(OptionalLong(root, "limit") ?? 100, 1, 1000)),
                    _ => new InvalidFrame("unknown-type", $"Unknown frame type '{type}'.", reference),
                };
            }
            catch (FrameFieldException ex)
            {
                return new InvalidFrame("invalid", $"{type}: {ex.Message}", reference);
            }
        }
    }

    private static HelloFrame ReadHello(JsonElement root)
    {
        var protocol = OptionalLong(root, "protocol");
        if (protocol is not null and not 1)
        {
            throw new FrameFieldException($"protocol {protocol} is not supported; this node speaks protocol 1.");
        }

        Dictionary<string, string>? labels = null;
        if (root.TryGetProperty("labels", out var labelsElement) && labelsElement.ValueKind == JsonValueKind.Object)
        {
            labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in labelsElement.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString()!; // ValueKind String: never null.
                }
            }
        }

        return new HelloFrame(RequiredString(root, "agentId"), RequiredString(root, "incarnation"), OptionalLong(root, "contextTokens"), labels);
    }

    private static ResultFrame ReadResult(JsonElement root)
    {
        var status = RequiredString(root, "status");
        if (status is not ("ok" or "failed"))
        {
            throw new FrameFieldException($"'status' must be \"ok\" or \"failed\", not \"{status}\".");
        }

        var retryable = root.TryGetProperty("retryable", out var r) && r.ValueKind == JsonValueKind.True;
        return new ResultFrame(RequiredString(root, "sessionId"), RequiredCount(root, "messageId"), status == "ok", retryable, OptionalString(root, "error"));
    }

    /// <summary>
    /// A well-formed <c>send</c>, the frame a node reads most, read field by field: the body is the one
    /// value copied out (not the whole frame parsed into a document and the body cloned from it).
    /// Anything else (another type, a missing, mistyped or unknown-valued field, bad JSON) is
    /// <see langword="null"/> and goes the general way, which names what is wrong.
    /// </summary>
    private static SendFrame? TryReadSend(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var isSend = false;
            string? reference = null, to = null, sessionKey = null;
            var kind = "message";
            JsonElement? body = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("type"u8) ? SendField.Type
                    : reader.ValueTextEquals("ref"u8) ? SendField.Ref
                    : reader.ValueTextEquals("to"u8) ? SendField.To
                    : reader.ValueTextEquals("body"u8) ? SendField.Body
                    : reader.ValueTextEquals("sessionKey"u8) ? SendField.SessionKey
                    : reader.ValueTextEquals("kind"u8) ? SendField.Kind
                    : SendField.Other;
                reader.Read();
                var isString = reader.TokenType == JsonTokenType.String;
                switch (field)
                {
                    case SendField.Type when isString && reader.ValueTextEquals("send"u8):
                        isSend = true;
                        break;
                    case SendField.Ref when isString:
                        reference = reader.GetString();
                        break;
                    case SendField.To when isString:
                        to = reader.GetString();
                        break;
                    case SendField.Body:
                        body = JsonElement.ParseValue(ref reader);
                        break;
                    case SendField.SessionKey when isString || reader.TokenType == JsonTokenType.Null:
                        sessionKey = reader.GetString();
                        break;
                    case SendField.Kind when reader.TokenType == JsonTokenType.Null:
                        kind = "message";
                        break;
                    case SendField.Kind when isString && Known(ref reader, Kinds) is { } known:
                        kind = known;
                        break;
                    case SendField.Other:
                        reader.Skip();
                        break;
                    default:
                        return null;
                }
            }

            return isSend && reference is not null && to is not null && body is { } value && reader.TokenType == JsonTokenType.EndObject
                ? new SendFrame(reference, to, value, sessionKey, kind)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Known(ref Utf8JsonReader reader, string[] names)
    {
        foreach (var name in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return name;
            }
        }

        return null;
    }

    private enum SendField
    {
        Other,
        Type,
        Ref,
        To,
        Body,
        SessionKey,
        Kind,
    }

    private static SendFrame ReadSend(JsonElement root)
    {
        if (!root.TryGetProperty("body", out var body))
        {
            throw new FrameFieldException("the field 'body' is missing.");
        }

        var kind = root.TryGetProperty("kind", out var kindElement) && KnownKind(kindElement) is { } known
            ? known
            : OptionalString(root, "kind") ?? "message";
        if (kind is not ("message" or "onboarding" or "broadcast"))
        {
            throw new FrameFieldException($"'kind' must be message, onboarding or broadcast, not \"{kind}\".");
        }

        return new SendFrame(RequiredString(root, "ref"), RequiredString(root, "to"), body.Clone(), OptionalString(root, "sessionKey"), kind);
    }

    // The frame types and kinds as constants, so that reading them allocates no string per frame.
    private static readonly string[] Types = ["send", "result", "usage", "session-started", "session-ended", "fetch", "welcome-ack", "hello"];
    private static readonly string[] Kinds = ["message", "onboarding", "broadcast"];

    private static string? KnownType(JsonElement element) => Known(element, Types);

    private static string? KnownKind(JsonElement element) => Known(element, Kinds);

    private static string? Known(JsonElement element, string[] names)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (element.ValueEquals(name))
            {
                return name;
            }
        }

        return null;
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw new FrameFieldException($"the field '{name}' is missing.");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FrameFieldException($"the field '{name}' must be a string.");
    }

    private static long RequiredCount(JsonElement root, string name) =>
        OptionalLong(root, name) ?? throw new FrameFieldException($"the field '{name}' is missing.");

    private static long? OptionalLong(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < 0)
        {
            throw new FrameFieldException($"the field '{name}' must be a whole number, 0 or more.");
        }

        return number;
    }

    private sealed class FrameFieldException(string message) : Exception(message);
}
