namespace AgentMesh.Actors;

/// <summary>
/// Where an actor system lives. A local address has no host; a remote one (a cluster member) has
/// a host and port, so a ref can point at another node without changing its path elements.
/// </summary>
public readonly record struct Address
{
    public Address(string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(system);
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A port must be between 1 and 65535.");
        }

        if (port is not null && string.IsNullOrWhiteSpace(host))
        {
            throw new ArgumentException("An address with a port must also have a host.", nameof(host));
        }

        System = system;
        Host = host;
        Port = port;
    }

    public string System { get; }

    public string? Host { get; }

    public int? Port { get; }

    public bool IsLocal => Host is null;

    public override string ToString() =>
        Host is null ? $"agentmesh://{System}" : $"agentmesh://{System}@{Host}:{Port}";
}
