using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// A room that agents send to with <c>to = "room:&lt;name&gt;"</c>. <see cref="Value"/> is the bare
/// name (1–64 characters of <c>[A-Za-z0-9._-]</c>); <see cref="Address"/> and
/// <see cref="ToString"/> give the <c>room:</c> form.
/// </summary>
public readonly record struct RoomName
{
    public const int MaxLength = 64;
    public const string AddressPrefix = "room:";
    private const string What = "A room name";

    public RoomName(string value)
    {
        if (!IdText.IsToken(value, MaxLength, What, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        Value = value;
    }

    /// <summary>The bare name, without <c>room:</c>.</summary>
    public string Value { get; }

    /// <summary>The address form, <c>room:&lt;name&gt;</c>.</summary>
    public string Address => AddressPrefix + Value;

    /// <summary>Whether a <c>to</c> field addresses a room (starts with <c>room:</c>), valid or not.</summary>
    public static bool IsRoomAddress([NotNullWhen(true)] string? to) => to is not null && to.StartsWith(AddressPrefix, StringComparison.Ordinal);

    /// <summary>Parses a <c>room:&lt;name&gt;</c> address.</summary>
    public static bool TryParseAddress(
        [NotNullWhen(true)] string? address, out RoomName room, [NotNullWhen(false)] out string? error)
    {
        if (!IsRoomAddress(address))
        {
            room = default;
            error = $"A room address must have the form '{AddressPrefix}<name>'; got '{address}'.";
            return false;
        }

        return TryCreate(address[AddressPrefix.Length..], out room, out error);
    }

    public static bool TryCreate([NotNullWhen(true)] string? value, out RoomName room) =>
        TryCreate(value, out room, out _);

    /// <summary>Validates without throwing; <paramref name="error"/> says why a value was refused.</summary>
    public static bool TryCreate(
        [NotNullWhen(true)] string? value, out RoomName room, [NotNullWhen(false)] out string? error)
    {
        if (IdText.IsToken(value, MaxLength, What, out error))
        {
            room = new RoomName(value);
            return true;
        }

        room = default;
        return false;
    }

    public override string ToString() => Value is null ? string.Empty : Address;
}
