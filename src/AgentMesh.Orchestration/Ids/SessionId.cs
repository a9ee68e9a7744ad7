using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// The id of one session of an agent, chosen by the node: 1–128 characters of
/// <c>[A-Za-z0-9._-]</c>. A <c>deliver</c> frame with a new session id means "start a new session".
/// </summary>
public readonly record struct SessionId
{
    public const int MaxLength = 128;
    private const string What = "A session id";

    public SessionId(string value)
    {
        if (!IdText.IsToken(value, MaxLength, What, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    /// <summary>A fresh random id (32 lower-case hex digits).</summary>
    public static SessionId New() => new(Guid.NewGuid().ToString("N"));

    public static bool TryCreate([NotNullWhen(true)] string? value, out SessionId id) =>
        TryCreate(value, out id, out _);

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        [NotNullWhen(true)] string? value, out SessionId id, [NotNullWhen(false)] out string? error)
    {
        if (IdText.IsToken(value, MaxLength, What, out error))
        {
            id = new SessionId(value);
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value ?? string.Empty;
}
