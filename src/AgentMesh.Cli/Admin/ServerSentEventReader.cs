using System.Runtime.CompilerServices;
using System.Text;

namespace AgentMesh.Cli.Admin;

/// <summary>
/// Reads a <c>text/event-stream</c> as the HTML standard defines it: <c>field: value</c> lines, an
/// event dispatched at each blank line, several <c>data</c> lines joined with line feeds, comment
/// lines (<c>:</c>) and unknown fields ignored, an event without data not dispatched.
/// </summary>
internal static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? type = null;
        string? id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(type ?? "message", id, data.ToString());
                }

                type = null;
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
                case "id":
                    id = value;
                    break;
            }
        }
    }
}
