using System.Text.Json;

namespace AgentMesh.Cli.Admin;

/// <summary>The parts of an RFC 9457 problem-details answer the CLI prints.</summary>
/// <param name="Title">The problem's <c>title</c>.</param>
/// <param name="Detail">The problem's <c>detail</c>.</param>
/// <param name="Reason">The <c>reason</c> extension of a refusal (<c>circuit-open</c>, <c>suspended</c>).</param>
internal sealed record ProblemDetails(string? Title, string? Detail, string? Reason)
{
    /// <summary><c>title: detail</c> on one line; <see langword="null"/> when the body said nothing.</summary>
    public string? Summary => (Title, Detail) switch
    {
        (null, null) => null,
        ({ } title, null) => title,
        (null, { } detail) => detail,
        ({ } title, { } detail) => $"{title}: {detail}",
    };

    /// <summary>Reads a problem from any body; a body that is not a JSON object gives an empty problem.</summary>
    public static ProblemDetails Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ProblemDetails(null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? new ProblemDetails(OneLine(root, "title"), OneLine(root, "detail"), OneLine(root, "reason"))
                : new ProblemDetails(null, null, null);
        }
        catch (JsonException)
        {
            return new ProblemDetails(null, null, null);
        }
    }

    private static string? OneLine(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.ReplaceLineEndings(" ").Trim()
            : null;
}
