using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;

namespace AgentMesh.Node.Link;

/// <summary>Writes node → agent frames as the spec spells them (camelCase fields, one JSON object per frame).</summary>
internal static class LinkFrameWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A writer for <see cref="TryWrite"/>, to be reused for every frame of one connection.</summary>
    public static Utf8JsonWriter CreateWriter(ArrayBufferWriter<byte> buffer) => new(buffer, Options);

    /// <summary>
    /// Serializes <paramref name="frame"/> into <paramref name="buffer"/> (emptied first) through
    /// <paramref name="json"/>, a writer from <see cref="CreateWriter"/>; false for messages that are not wire frames.
    /// </summary>
    public static bool TryWrite(object frame, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        switch (frame)
        {
            case HelloOkFrame hello:
                json.WriteString("type", "hello-ok");
                json.WriteString("node", hello.Node);
                json.WriteString("state", hello.State.ToWire());
                json.WriteNumber("inboxHighWater", hello.InboxHighWater);
                break;
            case WelcomeFrame welcome:
                json.WriteString("type", "welcome");
                json.WriteString("welcomeId", welcome.WelcomeId);
                json.WritePropertyName("payload");
                welcome.Payload.WriteTo(json);
                break;
            case DeliverFrame deliver:
                json.WriteString("type", "deliver");
                json.WriteString("sessionId", deliver.SessionId);
                json.WriteNumber("messageId", deliver.MessageId);
                json.WriteString("from", deliver.From);
                json.WritePropertyName("body");
                deliver.Body.WriteTo(json);
                json.WriteString("sessionKey", deliver.SessionKey);
                break;
            case NudgeFrame nudge:
                json.WriteString("type", "nudge");
                if (nudge.PendingUpTo is { } upTo)
                {
                    json.WriteNumber("pendingUpTo", upTo);
                }

                if (nudge.Degraded)
                {
                    json.WriteBoolean("degraded", true);
                }

                break;
            case StopSessionFrame stop:
                json.WriteString("type", "stop-session");
                json.WriteString("sessionId", stop.SessionId);
                json.WriteString("reason", stop.Reason);
                break;
            case SuspendedFrame suspended:
                json.WriteString("type", "suspended");
                json.WriteString("reason", suspended.Reason);
                break;
            case ResumedFrame:
                json.WriteString("type", "resumed");
                break;
            case SentReply sent:
                json.WriteString("type", "sent");
                json.WriteString("ref", sent.Ref);
                json.WriteNumber("messageId", sent.MessageId);
                json.WriteBoolean("duplicate", sent.Duplicate);
                break;
            case RejectedReply rejected:
                json.WriteString("type", "rejected");
                json.WriteString("ref", rejected.Ref);
                json.WriteString("reason", rejected.Reason);
                json.WriteString("detail", rejected.Detail);
                break;
            case ErrorReply error:
                json.WriteString("type", "error");
                json.WriteString("code", error.Code);
                json.WriteString("message", error.Message);
                if (error.Ref is not null)
                {
                    json.WriteString("ref", error.Ref);
                }

                break;
            default:
                return false;
        }

        json.WriteEndObject();
        json.Flush();
        return true;
    }
}
