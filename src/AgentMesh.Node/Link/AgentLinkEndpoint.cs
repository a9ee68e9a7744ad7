using AgentMesh.Node.Configuration;
using AgentMesh.Node.Domain;
using AgentMesh.Node.Http;
using AgentMesh.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Link;

/// <summary>Maps the agent link at <c>/agents/link</c> (spec/agent-link.md).</summary>
public static class AgentLinkEndpoint
{
    public const string Path = "/agents/link";

    public static WebApplication MapAgentLink(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.Equals(Path, StringComparison.Ordinal) &&
                context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            {
                context.Features.Set<IHttpUpgradeFeature>(new BatchingUpgradeFeature(upgrade));
            }

            return next(context);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map(Path, HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentMesh.Node.Link");
        var remote = context.Connection.RemoteIpAddress?.ToString();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.BadRequest($"{Path} is the agent link: connect with a WebSocket upgrade (see spec/agent-link.md).").ExecuteAsync(context);
            return;
        }

        var tokens = services.GetRequiredService<AgentTokenValidator>();
        var credential = tokens.Authenticate(context);
        if (!credential.IsAccepted)
        {
            Log.ConnectionRefused(logger, remote, credential.Refusal ?? "refused");
            await Problems.Unauthorized(credential.Refusal ?? "A valid agent token is required: Authorization: Bearer <token>.").ExecuteAsync(context);
            return;
        }

        var domain = services.GetRequiredService<NodeDomain>();
        var options = services.GetRequiredService<AgentMeshOptions>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new AgentLinkConnection(
            socket,
            (context.Features.Get<IHttpUpgradeFeature>() as BatchingUpgradeFeature)?.Stream,
            credential,
            domain.Agents,
            tokens,
            options.Link,
            services.GetRequiredService<TimeProvider>(),
            logger,
            remote);
        await connection.RunAsync(lifetime.ApplicationStopping);
    }
}
