using AgentMesh.Actors.Pattern;
using AgentMesh.Node.Domain;
using AgentMesh.Node.Http;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Api;

/// <summary><c>GET /api/budgets</c>, <c>PUT /api/budgets/{scope}</c>, and <c>DELETE /api/budgets/{scope}</c> (an extension: back to configuration).</summary>
public static class BudgetsApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/budgets", async (NodeDomain domain, CancellationToken cancellationToken) =>
            Results.Json(new { budgets = await domain.Budgets.ViewAllAsync(AskTimeout, cancellationToken) }));
        app.MapPut("/api/budgets/{scope}", SetAsync);
        app.MapDelete("/api/budgets/{scope}", ResetAsync);
        return app;
    }

    /// <summary>Drops the limits set at runtime: the scope's configured limits are in force again (answered with its view).</summary>
    private static async Task<IResult> ResetAsync(string scope, NodeDomain domain, CancellationToken cancellationToken)
    {
        if (!BudgetScope.TryParse(Uri.UnescapeDataString(scope), out var parsed, out var error))
        {
            return Problems.BadRequest(error, "scope");
        }

        var updated = await domain.Budgets.Budgets.Ask<BudgetLimitsUpdated>(new ResetBudgetLimits(parsed), AskTimeout, cancellationToken);
        return Results.Json(updated.View);
    }

    private static async Task<IResult> SetAsync(string scope, SetLimitsRequest? request, NodeDomain domain, CancellationToken cancellationToken)
    {
        if (!BudgetScope.TryParse(Uri.UnescapeDataString(scope), out var parsed, out var error))
        {
            return Problems.BadRequest(error, "scope");
        }

        if (request is null)
        {
            return Problems.BadRequest("The request needs a JSON body of limits, e.g. {\"tokensPerDay\":10000000,\"costPerDay\":50}.", "body");
        }

        var current = await domain.Budgets.Budgets.Ask<BudgetView>(new GetBudgetView(parsed), AskTimeout, cancellationToken);
        var input = BudgetLimitsInput.From(current.Limits) with
        {
            TokensPerDay = request.TokensPerDay ?? current.Limits.TokensPerDay,
            TokensPerMonth = request.TokensPerMonth ?? current.Limits.TokensPerMonth,
            CostPerDayUsd = request.CostPerDay ?? current.Limits.CostPerDayUsd,
            CostPerMonthUsd = request.CostPerMonth ?? current.Limits.CostPerMonthUsd,
            TokensPerMinute = request.TokensPerMinute ?? current.Limits.TokensPerMinute,
            SpawnsPerHour = request.SpawnsPerHour ?? current.Limits.SpawnsPerHour,
        };
        if (!input.TryBuild(out var limits, out var problems))
        {
            return Problems.BadRequest(string.Join("; ", problems.Select(p => p.ToString())), "limits");
        }

        var updated = await domain.Budgets.Budgets.Ask<BudgetLimitsUpdated>(new SetBudgetLimits(parsed, limits), AskTimeout, cancellationToken);
        return Results.Json(updated.View);
    }

    /// <summary>Body of <c>PUT /api/budgets/{scope}</c>; an omitted limit keeps its current value.</summary>
    public sealed record SetLimitsRequest(
        long? TokensPerDay,
        decimal? CostPerDay,
        long? TokensPerMonth,
        decimal? CostPerMonth,
        long? TokensPerMinute,
        int? SpawnsPerHour);
}
