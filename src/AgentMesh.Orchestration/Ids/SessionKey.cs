using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// Which conversation of an agent a message belongs to: at most one session is active per
/// (agent, session key). 1–64 characters of <c>[A-Za-z0-9._-]</c>; a message that names none
/// belongs to <see cref="Default"/> (<c>"default"</c>). <c>default(SessionKey)</c> is not
/// <see cref="Default"/>: use <see cref="Default"/> or <see cref="TryCreateOptional"/>.
/// </summary>
public readonly record struct SessionKey
{
    public const int MaxLength = 64;
    public const string DefaultValue = "default";
    private const string What = "A session key";

    public SessionKey(string value)
    {
        if (!IdText.IsToken(value, MaxLength, What, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        Value = value;
    }

    public static SessionKey Default { get; } = new(DefaultValue);

    public string Value { get; }

    public static bool TryCreate([NotNullWhen(true)] string? value, out SessionKey key) =>
        TryCreate(value, out key, out _);

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        [NotNullWhen(true)] string? value, out SessionKey key, [NotNullWhen(false)] out string? error)
    {
        if (IdText.IsToken(value, MaxLength, What, out error))
        {
            key = new SessionKey(value);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>
    /// For the optional <c>sessionKey</c> field of a frame: <see langword="null"/> or empty means
    /// <see cref="Default"/>; anything else must be a valid key.
    /// </summary>
    public static bool TryCreateOptional(string? value, out SessionKey key, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            key = Default;
            error = null;
            return true;
        }

        return TryCreate(value, out key, out error);
    }

    public override string ToString() => Value ?? string.Empty;
}
