namespace AgentMesh.Node.Configuration;

/// <summary>The agent id rule of spec/agent-link.md: 1-64 characters of <c>[A-Za-z0-9._-]</c>.</summary>
internal static class AgentIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
