namespace AgentMesh.Client.Frames;

/// <summary>
/// The value rules of spec/agent-link.md for what the agent sends. Each check throws an
/// <see cref="ArgumentException"/> that names the parameter, the rule and the offending character,
/// so that a mistake in an agent is found where it is made rather than as a node's <c>error</c>.
/// </summary>
internal static class LinkText
{
    public const int AgentIdMaxLength = 64;
    public const int IncarnationMaxLength = 128;
    public const string TokenAlphabet = "[A-Za-z0-9._-]";
    public const string RoomPrefix = "room:";

    /// <summary>1–64 characters of <c>[A-Za-z0-9._-]</c>.</summary>
    public static string AgentId(string? value, string parameter) =>
        Token(value, AgentIdMaxLength, "An agent id", parameter);

    /// <summary>1–128 UTF-16 code units, no control characters (a UUID is fine).</summary>
    public static string Incarnation(string? value, string parameter)
    {
        var rule = $"An incarnation must be 1–{IncarnationMaxLength} printable characters";
        RequireLength(value, IncarnationMaxLength, rule, parameter);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                throw new ArgumentException(
                    $"{rule}; a control character (U+{(int)value[i]:X4}) at position {i} is not allowed.", parameter);
            }
        }

        return value;
    }

    /// <summary>A recipient: an agent id, or <c>room:</c> followed by a room name with the agent id rule.</summary>
    public static string Recipient(string? value, string parameter)
    {
        if (value is not null && value.StartsWith(RoomPrefix, StringComparison.Ordinal))
        {
            Token(value[RoomPrefix.Length..], AgentIdMaxLength, "A room name (after 'room:')", parameter);
            return value;
        }

        return Token(value, AgentIdMaxLength, "A recipient (an agent id or 'room:<name>')", parameter);
    }

    /// <summary>A session key, when given: the agent id rule.</summary>
    public static string? OptionalSessionKey(string? value, string parameter) =>
        value is null ? null : Token(value, AgentIdMaxLength, "A session key", parameter);

    /// <summary>
    /// A value the node chose and the agent echoes (session id, welcome id, reason): only its presence
    /// is checked, because the node, not the client, owns its format.
    /// </summary>
    public static string Required(string? value, string what, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{what} must not be empty.", parameter);
        }

        return value;
    }

    public static long NotNegative(long value, string what, string parameter)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"{what} must not be negative.");
        }

        return value;
    }

    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static string Token(string? value, int maxLength, string what, string parameter)
    {
        var rule = $"{what} must be 1–{maxLength} characters of {TokenAlphabet}";
        RequireLength(value, maxLength, rule, parameter);
        for (var i = 0; i < value.Length; i++)
        {
            if (!IsTokenChar(value[i]))
            {
                throw new ArgumentException(
                    $"{rule}; '{Printable(value[i])}' at position {i} of '{Printable(value)}' is not allowed.", parameter);
            }
        }

        return value;
    }

    private static void RequireLength(
        [System.Diagnostics.CodeAnalysis.NotNull] string? value, int maxLength, string rule, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{rule}; got an empty value.", parameter);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{rule}; got {value.Length} characters.", parameter);
        }
    }

    // Control characters are shown escaped so that an exception message cannot break a log line.
    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private static string Printable(string value) =>
        value.Any(char.IsControl) ? string.Concat(value.Select(Printable)) : value;
}
