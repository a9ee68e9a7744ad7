using System.Text.Json;
using System.Text.Json.Nodes;
using AgentMesh.Actors.Pattern;
using AgentMesh.Node.Domain;
using AgentMesh.Node.Http;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentMesh.Node.Api;

/// <summary>The agent endpoints of spec/admin-api.md.</summary>
public static class AgentsApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var agents = app.MapGroup("/api/agents");
        agents.MapGet("/", ListAsync);
        agents.MapGet("/{id}", ShowAsync);
        agents.MapGet("/{id}/velocity", VelocityAsync);
        agents.MapPost("/{id}/messages", SendAsync);
        agents.MapPost("/{id}/suspend", SuspendAsync);
        agents.MapPost("/{id}/resume", (string id, NodeDomain domain) => OperatorAsync(id, domain, agent => new ResumeAgent(agent)));
        agents.MapPost("/{id}/reset", (string id, NodeDomain domain) => OperatorAsync(id, domain, agent => new ResetAgent(agent)));
        return app;
    }

    private static async Task<IResult> ListAsync(NodeDomain domain, CancellationToken cancellationToken)
    {
        var list = await domain.Directory.Ask<AgentDirectoryActor.AgentList>(AgentDirectoryActor.ListAgents.Instance, AskTimeout, cancellationToken);
        var views = await Task.WhenAll(list.AgentIds.Select(async id =>
            await domain.Agents.Ask<object>(new GetAgentView(new AgentId(id)), AskTimeout, cancellationToken) as AgentView));
        var known = views.OfType<AgentView>().OrderBy(v => v.Id, StringComparer.Ordinal);
        return Results.Json(new { agents = await Task.WhenAll(known.Select(view => WithBudgetAsync(view, domain, cancellationToken))) });
    }

    private static async Task<IResult> ShowAsync(string id, NodeDomain domain, CancellationToken cancellationToken)
    {
        if (!AgentId.TryCreate(id, out var agent, out var error))
        {
            return Problems.BadRequest(error, "id");
        }

        return await domain.Agents.Ask<object>(new GetAgentView(agent), AskTimeout, cancellationToken) switch
        {
            AgentView view => Results.Json(await WithBudgetAsync(view, domain, cancellationToken)),
            _ => Problems.NotFound("agent", id),
        };
    }

    /// <summary>
    /// <c>GET /api/agents/{id}/velocity</c> (an extension of spec/admin-api.md): the agent's tokens in
    /// 10-second buckets over the last 30 minutes, oldest first, from this node's memory
    /// (<see cref="TokenVelocityHistory"/>); what the dashboard's token-velocity chart starts from.
    /// </summary>
    private static async Task<IResult> VelocityAsync(string id, NodeDomain domain, TokenVelocityHistory velocity, CancellationToken cancellationToken)
    {
        if (!AgentId.TryCreate(id, out var agent, out var error))
        {
            return Problems.BadRequest(error, "id");
        }

        return await domain.Agents.Ask<object>(new GetAgentView(agent), AskTimeout, cancellationToken) switch
        {
            AgentView => Results.Json(velocity.Read(agent.Value)),
            _ => Problems.NotFound("agent", id),
        };
    }

    /// <summary>The agent as the spec shows it, every field unchanged, plus <c>budget</c> (<see cref="AgentBudgetSummary"/>).</summary>
    private static async Task<JsonObject> WithBudgetAsync(AgentView view, NodeDomain domain, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToNode(view, JsonOptions)!.AsObject(); // a record serializes to an object, never null
        var budget = await domain.Budgets.Budgets.Ask<BudgetView>(new GetBudgetView(BudgetScope.ForAgent(new AgentId(view.Id))), AskTimeout, cancellationToken);
        json["budget"] = JsonSerializer.SerializeToNode(new AgentBudgetSummary(budget.Scope, budget.Spend.TokensPerMinute, budget.Spend.Today, budget.Limits), JsonOptions);
        return json;
    }

    private static async Task<IResult> SendAsync(string id, SendMessageRequest? request, NodeDomain domain, CancellationToken cancellationToken)
    {
        if (!AgentId.TryCreate(id, out var agent, out var error))
        {
            return Problems.BadRequest(error, "id");
        }

        if (request is null || request.Body.ValueKind == JsonValueKind.Undefined)
        {
            return Problems.BadRequest("The request needs a JSON body with a 'body' field (any JSON value): {\"from\":\"operator\",\"body\":...,\"sessionKey\":...}.", "body");
        }

        var key = SessionKey.Default;
        if (request.SessionKey is { } sessionKey && !SessionKey.TryCreate(sessionKey, out key, out var keyError))
        {
            return Problems.BadRequest(keyError, "sessionKey");
        }

        var from = string.IsNullOrWhiteSpace(request.From) ? "operator" : request.From;
        if (from.Length > 128)
        {
            return Problems.BadRequest("'from' is at most 128 characters.", "from");
        }

        var reply = await domain.Agents.Ask<object>(new AcceptMessage(agent, from, request.Body, key, MessageKind.Message, request.IdempotencyKey), AskTimeout, cancellationToken);
        return reply switch
        {
            MessageAccepted accepted => Results.Json(new { messageId = accepted.MessageId, duplicate = accepted.Duplicate }),
            MessageRefused { Reason: "unknown-recipient" } => Problems.NotFound("agent", id),
            MessageRefused refused => Problems.Create(StatusCodes.Status409Conflict, $"Message refused: {refused.Reason}", refused.Detail, new() { ["reason"] = refused.Reason }),
            _ => Problems.NotFound("agent", id),
        };
    }

    private static async Task<IResult> SuspendAsync(string id, SuspendRequest? request, NodeDomain domain)
    {
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "suspended by an operator" : request.Reason.Trim();
        return await OperatorAsync(id, domain, agent => new SuspendAgent(agent, reason));
    }

    private static async Task<IResult> OperatorAsync(string id, NodeDomain domain, Func<AgentId, object> command)
    {
        if (!AgentId.TryCreate(id, out var agent, out var error))
        {
            return Problems.BadRequest(error, "id");
        }

        return await domain.Agents.Ask<object>(command(agent), AskTimeout) switch
        {
            OperatorDone done => Results.Json(new { agent = id, state = done.State.ToWire() }),
            _ => Problems.NotFound("agent", id),
        };
    }

    /// <summary>Body of <c>POST /api/agents/{id}/messages</c>.</summary>
    public sealed record SendMessageRequest(string? From, JsonElement Body, string? SessionKey, string? IdempotencyKey);

    /// <summary>Body of <c>POST /api/agents/{id}/suspend</c>.</summary>
    public sealed record SuspendRequest(string? Reason);
}
