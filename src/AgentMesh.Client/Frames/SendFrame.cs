using System.Text.Json;

namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>send</c>: a message to another agent (<see cref="To"/> is its id) or a room
/// (<c>room:&lt;name&gt;</c>). The node answers with <c>sent</c> or <c>rejected</c> carrying the same
/// <see cref="Ref"/>.
/// </summary>
public sealed record SendFrame : AgentFrame
{
    /// <param name="ref">The sender's correlation id, echoed in the answer.</param>
    /// <param name="to">An agent id or <c>room:&lt;name&gt;</c>.</param>
    /// <param name="body">Any JSON value; it is cloned, so the caller may dispose its document.</param>
    /// <param name="sessionKey">The conversation on the recipient; <see langword="null"/> is the node's default.</param>
    /// <param name="kind">What the message is for.</param>
    public SendFrame(string @ref, string to, JsonElement body, string? sessionKey = null, SendKind kind = SendKind.Message)
    {
        Ref = @ref;
        To = to;
        Body = body;
        SessionKey = sessionKey;
        Kind = kind;
    }

    public string Ref { get; init => field = LinkText.Required(value, "A ref", "ref"); }

    public string To { get; init => field = LinkText.Recipient(value, "to"); }

    public JsonElement Body
    {
        get;
        init => field = value.ValueKind != JsonValueKind.Undefined
            ? value.Clone()
            : throw new ArgumentException("A body must be a JSON value (a string, an object, …); got default(JsonElement).", "body");
    }

    public string? SessionKey { get; init => field = LinkText.OptionalSessionKey(value, "sessionKey"); }

    public SendKind Kind
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException("kind", value, "A send kind must be Message, Onboarding or Broadcast.");
    }
}
