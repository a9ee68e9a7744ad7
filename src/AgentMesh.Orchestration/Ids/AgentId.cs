using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// The stable id of an agent (<c>gpu-box</c>): 1–64 characters of <c>[A-Za-z0-9._-]</c>, compared
/// ordinally (case-sensitive). <c>default(AgentId)</c> is not a valid id.
/// </summary>
public readonly record struct AgentId
{
    public const int MaxLength = 64;
    private const string What = "An agent id";

    public AgentId(string value)
    {
        if (!IdText.IsToken(value, MaxLength, What, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool TryCreate([NotNullWhen(true)] string? value, out AgentId id) =>
        TryCreate(value, out id, out _);

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        [NotNullWhen(true)] string? value, out AgentId id, [NotNullWhen(false)] out string? error)
    {
        if (IdText.IsToken(value, MaxLength, What, out error))
        {
            id = new AgentId(value);
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value ?? string.Empty;
}
