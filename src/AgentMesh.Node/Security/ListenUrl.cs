using System.Globalization;
using System.Net;

namespace AgentMesh.Node.Security;

/// <summary>
/// One listener address of the node, <c>http://host:port</c>, and whether it binds loopback only.
/// Wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), LAN addresses and host names other
/// than <c>localhost</c> are reachable from other machines.
/// </summary>
public sealed record ListenUrl
{
    private ListenUrl(string host, int port)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; }

    /// <summary>The port; 0 lets the operating system choose one (tests).</summary>
    public int Port { get; }

    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Parses one address, or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static ListenUrl Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Scheme = "http://";
        var value = text.Trim();
        if (!value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{value}' does not start with http:// (TLS is not served by the node; put a TLS proxy in front)");
        }

        var authority = value[Scheme.Length..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || authority.Contains('/', StringComparison.Ordinal) || authority.EndsWith(']'))
        {
            throw new FormatException($"'{value}' is not http://host:port");
        }

        var host = authority[..colon];
        if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{value}' has no port between 0 and 65535");
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (host.Contains(':', StringComparison.Ordinal) && !bracketed)
        {
            throw new FormatException($"'{value}': an IPv6 address goes in brackets, like http://[::1]:5080");
        }

        if (host is not ("*" or "+") && !bracketed && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException($"'{value}' has no valid host");
        }

        return new ListenUrl(host, port);
    }

    /// <summary>Parses a <c>;</c>-separated list, as ASP.NET Core's <c>urls</c> setting is written.</summary>
    public static IReadOnlyList<ListenUrl> ParseList(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{Port}");
}
