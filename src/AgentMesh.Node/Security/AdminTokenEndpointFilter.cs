using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Security;

/// <summary>The admin-token rule as an endpoint filter, for admin endpoints outside <c>/api</c> (such as <c>/metrics</c>).</summary>
public sealed class AdminTokenEndpointFilter(AdminTokenAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return authenticator.Authenticate(context.HttpContext) is { } refusal ? refusal : await next(context);
    }
}
