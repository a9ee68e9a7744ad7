using System.Text.Json;
using AgentMesh.Node.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Http;

/// <summary>
/// Turns an exception that escaped an endpoint into problem details. Bad input is never a 500:
/// a body that is not valid JSON or does not fit the expected shape is a 400 that names the JSON
/// path; an unavailable store is a 503. Anything else is a 500 whose detail names the trace id and
/// carries no stack trace or exception text.
/// </summary>
internal sealed class NodeExceptionHandler(IProblemDetailsService problemDetails, ILogger<NodeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; nobody is left to answer
        }

        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            JsonException json => BadJson(json),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Bad request" : ReasonPhrases.GetReasonPhrase(bad.StatusCode),
                Detail = bad.Message,
            },
            StoreUnavailableException store => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Store unavailable", Detail = store.Message },
            _ => null,
        };

        if (problem is null)
        {
            Log.RequestFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = $"The node failed to handle the request; its log has the details under trace id {httpContext.TraceIdentifier}.",
            };
        }
        else
        {
            Log.RequestRejected(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status ?? 0, problem.Detail ?? "");
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails BadJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : json.Path;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad request",
            Detail = $"The request body is not valid JSON for this call: {json.Message}",
        };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }
}
