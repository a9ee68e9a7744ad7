using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Security;

public static class AdminTokenEndpointFilterExtensions
{
    /// <summary>Requires the admin token on these endpoints (see <see cref="AdminTokenAuthenticator"/>).</summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminTokenEndpointFilter>();
}
