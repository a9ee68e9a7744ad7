using AgentMesh.Actors.Pattern;
using AgentMesh.Node.Domain;
using AgentMesh.Node.Http;
using AgentMesh.Orchestration.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Api;

/// <summary><c>GET /api/alerts?since=</c>: the durable alert log, oldest first ("newest last").</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/alerts", async (HttpContext context, NodeDomain domain, CancellationToken cancellationToken) =>
        {
            var since = 0L;
            if (context.Request.Query.TryGetValue("since", out var text) && (!long.TryParse(text, out since) || since < 0))
            {
                return Problems.BadRequest("'since' must be an alert id: a whole number, 0 or more.", "since");
            }

            var list = await domain.Budgets.AlertLog.Ask<AlertList>(new GetAlerts(since), TimeSpan.FromSeconds(10), cancellationToken);
            return Results.Json(new { alerts = list.Alerts.Select(ToJson), lastId = list.LastId, hasMore = list.HasMore });
        });
        return app;
    }

    /// <summary>An alert as the API and the event stream show it: id, time, severity, scope, kind, message, figures.</summary>
    public static object ToJson(AlertLogged alert) => new
    {
        id = alert.Id,
        time = alert.At,
        severity = alert.Severity.ToString().ToLowerInvariant(),
        scope = alert.Scope,
        kind = alert.Kind,
        message = alert.Message,
        figures = alert.Figures,
    };
}
