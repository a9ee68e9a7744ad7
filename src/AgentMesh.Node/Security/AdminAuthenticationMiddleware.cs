using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Security;

/// <summary>
/// Guards every request under <c>/api</c> with <see cref="AdminTokenAuthenticator"/>, before routing,
/// so an unknown <c>/api</c> path reveals nothing to a caller without the token either.
/// </summary>
public sealed class AdminAuthenticationMiddleware(RequestDelegate next, AdminTokenAuthenticator authenticator)
{
    public static readonly PathString ApiPath = new("/api");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiPath) && authenticator.Authenticate(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
