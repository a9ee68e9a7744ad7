using System.Net;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Http;
using AgentMesh.Node.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Security;

/// <summary>
/// The admin API's rule (spec/admin-api.md): <c>Authorization: Bearer &lt;admin token&gt;</c>,
/// compared in constant time. A node without an admin token accepts calls from loopback only
/// (it can only lack one when it listens on loopback only; <see cref="AgentMeshOptionsReader"/>
/// refuses other nodes). Refusals are 401 problem details and never echo the token.
/// </summary>
public sealed class AdminTokenAuthenticator
{
    private readonly SecretToken? _adminToken;
    private readonly NodeMetrics? _metrics;
    private readonly ILogger _logger;

    public AdminTokenAuthenticator(AuthOptions auth, NodeMetrics? metrics, ILogger<AdminTokenAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(auth);
        _adminToken = auth.AdminToken;
        _metrics = metrics;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public AdminAccess Check(string? bearerToken, IPAddress? remoteAddress)
    {
        if (_adminToken is null)
        {
            return remoteAddress is not null && IPAddress.IsLoopback(remoteAddress) ? AdminAccess.GrantedLocal : AdminAccess.NotLocal;
        }

        if (bearerToken is null)
        {
            return AdminAccess.MissingToken;
        }

        return _adminToken.Matches(bearerToken) ? AdminAccess.Granted : AdminAccess.WrongToken;
    }

    /// <summary>Checks the request; when refused, returns the 401 to send (and logs and counts the refusal), otherwise null.</summary>
    public IResult? Authenticate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var access = Check(BearerToken.From(context.Request), context.Connection.RemoteIpAddress);
        if (access is AdminAccess.Granted or AdminAccess.GrantedLocal)
        {
            return null;
        }

        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        Log.AdminAccessRefused(_logger, context.Request.Path, remote, access.ToString());
        _metrics?.AuthenticationFailed(NodeMetrics.AdminSurface);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized(access switch
        {
            AdminAccess.MissingToken => "This request needs the admin token: send Authorization: Bearer <admin token>.",
            AdminAccess.WrongToken => "The admin token is wrong.",
            _ => "This node has no admin token configured, so it accepts admin calls from this machine only.",
        });
    }
}
