namespace AgentMesh.Node.Configuration;

/// <summary>The shape of a node name: it doubles as the actor system's name and a metric label.</summary>
internal static class NodeNames
{
    public const int MaxLength = 64;

    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    public static bool IsValid(string name) => name.Length is > 0 and <= MaxLength && name.All(IsAllowed);
}
