using System.Security.Cryptography;
using System.Text;

namespace AgentMesh.Node.Security;

/// <summary>
/// A configured bearer token. It never prints itself (<see cref="ToString"/> is redacted) and
/// compares in constant time, so neither logs nor response timing reveal it.
/// </summary>
public sealed class SecretToken
{
    /// <summary>The shortest token accepted: 16 characters of a random string are out of reach of guessing.</summary>
    public const int MinLength = 16;

    private readonly byte[] _utf8;

    public SecretToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _utf8 = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>
    /// True when <paramref name="presented"/> is this token. The time taken depends only on the
    /// lengths, never on where the first difference is (<see cref="CryptographicOperations.FixedTimeEquals"/>).
    /// </summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty)
        {
            return false;
        }

        var length = Encoding.UTF8.GetByteCount(presented);
        Span<byte> bytes = length <= 256 ? stackalloc byte[256] : new byte[length];
        bytes = bytes[..Encoding.UTF8.GetBytes(presented, bytes)];
        var equal = CryptographicOperations.FixedTimeEquals(bytes, _utf8);
        CryptographicOperations.ZeroMemory(bytes);
        return equal;
    }

    public override string ToString() => "***";
}
