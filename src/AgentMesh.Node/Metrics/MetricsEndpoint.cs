using AgentMesh.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Metrics;

/// <summary><c>GET /metrics</c>: the Prometheus text exposition of the node's meters.</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Maps the exposition behind the admin token (a scraper sends it as a bearer token).</summary>
    public static IEndpointConventionBuilder MapAgentMeshMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, (PrometheusExporter exporter) => TypedResults.Text(exporter.Render(), PrometheusExporter.ContentType))
            .RequireAdminToken()
            .ExcludeFromDescription();
    }
}
