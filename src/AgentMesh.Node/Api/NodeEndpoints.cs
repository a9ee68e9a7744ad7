using AgentMesh.Node.Domain;
using AgentMesh.Node.Hosting;
using AgentMesh.Node.Link;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentMesh.Node.Api;

/// <summary>Adds the domain (agents and their link, the admin API) to a node.</summary>
public static class NodeEndpoints
{
    public static IServiceCollection AddAgentMeshDomain(this IServiceCollection services)
    {
        services.AddSingleton<NodeDomain>();
        services.AddSingleton<TokenVelocityHistory>();
        services.AddActorSystemSetup<DomainSetup>();
        return services;
    }

    public static WebApplication MapAgentMeshDomain(this WebApplication app)
    {
        app.MapAgentLink();
        app.MapAgentsApi();
        app.MapClusterApi();
        app.MapBudgetsApi();
        app.MapAlertsApi();
        return app;
    }
}
