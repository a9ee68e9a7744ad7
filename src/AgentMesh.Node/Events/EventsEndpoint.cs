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

    /// <summary>The comment that opens every stream.</summary>
    public const string ConnectedComment = "connected";

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
            // A first comment sends the headers at once (an empty flush does not), so the client
            // knows it is subscribed before the first event.
            var writer = new ServerSentEventWriter(context.Response.Body);
            await writer.WriteCommentAsync(ConnectedComment, stop.Token);
            await ServerSentEventStream.RunAsync(subscription, writer, timeProvider, ServerSentEventStream.DefaultHeartbeat, stop.Token);
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
