using System.Text;

namespace AgentMesh.Node.Events;

/// <summary>
/// Writes the <c>text/event-stream</c> format: an event is <c>event:</c>, <c>id:</c> and one
/// <c>data:</c> line per line of its data, ended by a blank line; a comment line starts with
/// <c>:</c>. Every write is flushed, so the client sees it at once.
/// </summary>
public sealed class ServerSentEventWriter(Stream stream)
{
    public const string ContentType = "text/event-stream";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] LineBreaks = ["\r\n", "\r", "\n"];

    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    public Task WriteAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hubEvent);
        return WriteEventAsync(hubEvent.Type, hubEvent.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture), hubEvent.Data, cancellationToken);
    }

    /// <param name="type">The event name; null for the default <c>message</c>. No line breaks.</param>
    /// <param name="id">The event id the client reports as <c>Last-Event-ID</c>; null for none. No line breaks.</param>
    /// <param name="data">Any text; each of its lines becomes a <c>data:</c> line.</param>
    /// <param name="cancellationToken">Cancels the write and the flush.</param>
    public async Task WriteEventAsync(string? type, string? id, string data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder();
        if (type is not null)
        {
            ValidateField(type, nameof(type));
            text.Append("event: ").Append(type).Append('\n');
        }

        if (id is not null)
        {
            ValidateField(id, nameof(id));
            text.Append("id: ").Append(id).Append('\n');
        }

        foreach (var line in data.Split(LineBreaks, StringSplitOptions.None))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        await WriteAndFlushAsync(text.Append('\n').ToString(), cancellationToken);
    }

    /// <summary>A comment: ignored by clients, it keeps proxies and the connection from idling out.</summary>
    public Task WriteCommentAsync(string comment, CancellationToken cancellationToken)
    {
        ValidateField(comment, nameof(comment));
        return WriteAndFlushAsync($": {comment}\n\n", cancellationToken);
    }

    internal static void ValidateField(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("An event field cannot contain a line break.", name);
        }
    }

    private async Task WriteAndFlushAsync(string text, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }
}
