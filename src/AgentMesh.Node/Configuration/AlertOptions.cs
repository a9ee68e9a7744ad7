namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Alerts</c>: where alerts go besides the log, the dashboard and the event stream.</summary>
public sealed record AlertOptions
{
    /// <summary>An http(s) URL every alert is POSTed to as JSON; none by default.</summary>
    public Uri? WebhookUrl { get; init; }
}
