using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AgentMesh.Node.Security;

/// <summary>Reads the token of an <c>Authorization: Bearer &lt;token&gt;</c> header.</summary>
public static class BearerToken
{
    /// <summary>The bearer token of the request, or null when there is none (no header, another scheme, an empty token).</summary>
    public static string? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count != 1 || header[0] is not { } value)
        {
            return null;
        }

        const string Scheme = "Bearer ";
        return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && value[Scheme.Length..].Trim() is { Length: > 0 } token
            ? token
            : null;
    }
}
