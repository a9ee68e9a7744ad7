using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Http;

/// <summary>
/// RFC 9457 problem details (<c>application/problem+json</c>) for the answers spec/admin-api.md
/// names: a clear <c>title</c> per status and a <c>detail</c> saying what to change.
/// </summary>
public static class Problems
{
    /// <summary>400: the request is wrong; <paramref name="field"/> names the offending field (JSON path or parameter).</summary>
    public static IResult BadRequest(string detail, string? field = null) =>
        Create(StatusCodes.Status400BadRequest, "Bad request", detail, field is null ? null : new() { ["field"] = field });

    /// <summary>401: a missing or wrong token. Never put a token in <paramref name="detail"/>.</summary>
    public static IResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>404: no <paramref name="kind"/> (agent, budget scope, alert) with that id.</summary>
    public static IResult NotFound(string kind, string id) =>
        Create(StatusCodes.Status404NotFound, "Not found", $"There is no {kind} '{id}'.", new() { ["id"] = id });

    /// <summary>409: the request conflicts with the current state (for example resuming an agent that is not suspended).</summary>
    public static IResult Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>503: the store does not answer; retry later.</summary>
    public static IResult StoreUnavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, "Store unavailable", detail);

    public static IResult Create(int status, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
