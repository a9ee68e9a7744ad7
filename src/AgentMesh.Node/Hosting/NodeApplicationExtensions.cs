using AgentMesh.Node.Events;
using AgentMesh.Node.Http;
using AgentMesh.Node.Metrics;
using AgentMesh.Node.Security;
using Microsoft.AspNetCore.Builder;

namespace AgentMesh.Node.Hosting;

public static class NodeApplicationExtensions
{
    /// <summary>
    /// The node's middleware, in order: exceptions to problem details (never a 500 for bad input),
    /// problem details for empty error answers (unknown route, wrong method), and the admin token
    /// on everything under <c>/api</c>.
    /// </summary>
    public static WebApplication UseAgentMeshNode(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<AdminAuthenticationMiddleware>();
        return app;
    }

    /// <summary>The infrastructure endpoints: <c>/healthz</c>, <c>/metrics</c>, <c>/api/events</c>.</summary>
    public static WebApplication MapAgentMeshInfrastructure(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAgentMeshHealth();
        app.MapAgentMeshMetrics();
        app.MapAgentMeshEvents();
        return app;
    }
}
