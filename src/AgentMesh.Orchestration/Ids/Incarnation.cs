using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// One life of an agent process, chosen by the process once at start (a UUID is fine): 1–128
/// UTF-16 code units, no control characters. A reconnect of the same process sends the same value;
/// a new process is a new incarnation, and only a new incarnation gets a new welcome.
/// </summary>
public readonly record struct Incarnation
{
    public const int MaxLength = 128;
    private const string What = "An incarnation";

    public Incarnation(string value)
    {
        if (!IdText.IsPrintable(value, MaxLength, What, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool TryCreate([NotNullWhen(true)] string? value, out Incarnation incarnation) =>
        TryCreate(value, out incarnation, out _);

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        [NotNullWhen(true)] string? value, out Incarnation incarnation, [NotNullWhen(false)] out string? error)
    {
        if (IdText.IsPrintable(value, MaxLength, What, out error))
        {
            incarnation = new Incarnation(value);
            return true;
        }

        incarnation = default;
        return false;
    }

    public override string ToString() => Value ?? string.Empty;
}
