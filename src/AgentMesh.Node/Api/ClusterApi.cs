using AgentMesh.Node.Configuration;
using AgentMesh.Node.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Api;

/// <summary>
/// <c>GET /api/cluster</c>. A single node is the whole cluster: it is up and owns every shard. The
/// PostgreSQL-coordinated membership (DESIGN.md, "Cluster") will fill in the other members here.
/// </summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/cluster", (AgentMeshOptions options, NodeDomain domain, TimeProvider time, IServer server) =>
        {
            // The bound addresses (a configured port 0 shows the port actually chosen).
            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses;
            List<string> addresses = bound is { Count: > 0 } ? [.. bound] : [.. options.Node.Urls.Select(url => url.ToString())];
            var self = new
            {
                name = options.Node.Name,
                address = string.Join(",", addresses),
                roles = options.Node.Roles,
                status = domain.IsStarted ? "up" : "joining",
                lastHeartbeat = time.GetUtcNow(),
                shardsOwned = "all",
            };
            return Results.Json(new { node = self, members = new[] { self } });
        });
        return app;
    }
}
