using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace AgentMesh.Node.Dashboard;

/// <summary>
/// Serves the dashboard (docs/dashboard.md): the page at <c>/</c> and its files under
/// <c>/assets/</c>, from <see cref="DashboardAssets.Embedded"/>. The page and its files need no
/// token (they hold no data); everything they show comes from <c>/api</c>, which does.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// The page runs only its own scripts and styles and talks only to its own node: no inline
    /// script or style, no other origin, no framing, no plugins, no form posts, no base rewriting.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static WebApplication MapAgentMeshDashboard(this WebApplication app) => app.MapAgentMeshDashboard(DashboardAssets.Embedded);

    /// <summary>Maps <paramref name="assets"/> and logs the page's address once the node listens.</summary>
    public static WebApplication MapAgentMeshDashboard(this WebApplication app, DashboardAssets assets)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(assets);
        app.MapMethods(DashboardAssets.PagePath, GetAndHead, (HttpContext context) => ServeAsync(context, assets.Page))
            .ExcludeFromDescription();
        app.MapMethods(DashboardAssets.AssetsPrefix + "{**path}", GetAndHead, (HttpContext context, string? path) =>
                assets.TryGet(DashboardAssets.AssetsPrefix + path, out var asset) && asset.UrlPath != DashboardAssets.PagePath
                    ? ServeAsync(context, asset)
                    : NotFoundAsync(context))
            .ExcludeFromDescription();

        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AgentMesh.Node.Dashboard");
        lifetime.ApplicationStarted.Register(() =>
        {
            if (app.Urls.FirstOrDefault() is { } url)
            {
                Log.DashboardServed(logger, url.TrimEnd('/') + "/");
            }
        });
        return app;
    }

    /// <summary>
    /// Answers with the asset, or 304 when the client's copy is current. Every answer is
    /// revalidated (<c>no-cache</c>): the file names carry no version, and a node upgrade must not
    /// leave a browser running an old script against a new API; a revalidation costs one small 304.
    /// </summary>
    private static async Task ServeAsync(HttpContext context, DashboardAsset asset)
    {
        var response = context.Response;
        SetSecurityHeaders(response);
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = asset.ETag;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
            tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(asset.ETag, StringComparison.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Content, context.RequestAborted);
        }
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        SetSecurityHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status404NotFound; // the status-code pages write the problem details
        return Task.CompletedTask;
    }

    private static void SetSecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }
}
