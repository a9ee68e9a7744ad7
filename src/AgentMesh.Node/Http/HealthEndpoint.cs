using AgentMesh.Node.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Http;

/// <summary><c>GET /healthz</c> (spec/admin-api.md): 200 <c>{"status":"ok","node":"name"}</c>, or 503 problem details saying why not.</summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    /// <summary>The body of a healthy answer, exactly as the contract states it.</summary>
    public sealed record HealthyResponse(string Status, string Node);

    /// <summary>Maps the check. It needs no token: load balancers and service managers call it.</summary>
    public static IEndpointConventionBuilder MapAgentMeshHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, CheckAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> CheckAsync(HttpContext context, NodeHealth health, AgentMeshOptions options)
    {
        context.Response.Headers.CacheControl = "no-store";
        return await health.CheckAsync(context.RequestAborted) is { } problem
            ? Problems.Create(StatusCodes.Status503ServiceUnavailable, "Unavailable", problem,
                new() { ["node"] = options.Node.Name })
            : TypedResults.Ok(new HealthyResponse("ok", options.Node.Name));
    }
}
