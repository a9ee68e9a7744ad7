using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// The character rules shared by the ids. Each check answers whether a value is valid and, when it
/// is not, the reason, so that constructors can throw and <c>TryCreate</c> methods can answer
/// without an exception.
/// </summary>
internal static class IdText
{
    public const string TokenAlphabet = "[A-Za-z0-9._-]";

    /// <summary>A token: 1–<paramref name="maxLength"/> characters of <see cref="TokenAlphabet"/>.</summary>
    public static bool IsToken(
        [NotNullWhen(true)] string? value, int maxLength, string what, [NotNullWhen(false)] out string? reason)
    {
        var rule = $"{what} must be 1–{maxLength} characters of {TokenAlphabet}";
        if (!HasLength(value, maxLength, rule, out reason))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!IsTokenChar(value[i]))
            {
                reason = $"{rule}; '{Printable(value[i])}' at position {i} of '{Printable(value)}' is not allowed.";
                return false;
            }
        }

        return true;
    }

    /// <summary>1–<paramref name="maxLength"/> UTF-16 code units, none of them a control character.</summary>
    public static bool IsPrintable(
        [NotNullWhen(true)] string? value, int maxLength, string what, [NotNullWhen(false)] out string? reason)
    {
        var rule = $"{what} must be 1–{maxLength} printable characters";
        if (!HasLength(value, maxLength, rule, out reason))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                reason = $"{rule}; a control character (U+{(int)value[i]:X4}) at position {i} is not allowed.";
                return false;
            }
        }

        return true;
    }

    public static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static bool HasLength(
        [NotNullWhen(true)] string? value, int maxLength, string rule, [NotNullWhen(false)] out string? reason)
    {
        if (string.IsNullOrEmpty(value))
        {
            reason = $"{rule}; got an empty value.";
            return false;
        }

        if (value.Length > maxLength)
        {
            reason = $"{rule}; got {value.Length} characters.";
            return false;
        }

        reason = null;
        return true;
    }

    // Control characters are shown escaped so that an error message cannot break a log line.
    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private static string Printable(string value) =>
        value.Any(char.IsControl) ? string.Concat(value.Select(Printable)) : value;
}
