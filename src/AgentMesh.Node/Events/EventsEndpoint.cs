using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace AgentMesh.Node.Events;

/// <summary><c>GET /api/events</c>: the <see cref="EventHub"/> as Server-Sent Events (spec/admin-api.md).</summary>
public static class EventsEndpoint
{
    public const string Path = "/api/events";

    /// <summary>
    /// Maps the stream. It is under <c>/api</c>, so the admin token guards it. It ends when the
    /// client goes away or when the node starts stopping (so that it never holds up shutdown).
    /// </summary>
    public static IEndpointConventionBuilder MapAgentMeshEvents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, StreamAsync).ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext context, EventHub hub, TimeProvider timeProvider, IHostApplicationLifetime lifetime)
    {
        using var subscription = hub.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        context.Response.ContentType = ServerSentEventWriter.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await context.Response.StartAsync(stop.Token);
            await ServerSentEventStream.RunAsync(
                subscription, new ServerSentEventWriter(context.Response.Body), timeProvider, ServerSentEventStream.DefaultHeartbeat, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the node is stopping: the stream simply ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Writing to a connection the client already closed.
        }
    }
}
