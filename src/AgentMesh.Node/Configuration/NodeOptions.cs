using AgentMesh.Node.Security;

namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Node</c>: who this node is and where it listens.</summary>
public sealed record NodeOptions
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The node's name, also its actor system's name; the machine name lower-cased by default.</summary>
    public string Name { get; init; } = DefaultName();

    /// <summary>The HTTP listener addresses (<c>http://host:port</c>, several separated by <c>;</c>).</summary>
    public IReadOnlyList<ListenUrl> Urls { get; init; } = [ListenUrl.Parse(DefaultUrls)];

    /// <summary>Roles this node announces to the cluster; none by default.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>How long stopping may take: draining HTTP requests, the coordinated shutdown and flushing the store.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>GET /healthz</c> waits for the store's answer before it reports 503.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True when every listener binds a loopback address only, so nothing off this machine can connect.</summary>
    public bool IsLoopbackOnly => Urls.All(url => url.IsLoopback);

    /// <summary>
    /// The machine name, lower-cased, with every character a node name may not contain replaced by
    /// <c>-</c>, so that the default is always valid.
    /// </summary>
    public static string DefaultName()
    {
        var name = new string([.. Environment.MachineName.ToLowerInvariant().Select(c => NodeNames.IsAllowed(c) ? c : '-')]);
        return name.Length is > 0 and <= NodeNames.MaxLength ? name : "agentmesh";
    }
}
