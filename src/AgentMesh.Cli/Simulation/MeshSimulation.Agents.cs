using System.Globalization;
using System.Text.Json;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Cli.Simulation;

internal sealed partial class MeshSimulation
{
    private const int FetchLimit = 100;

    private async Task ApplyAsync(TrafficEvent planned, CancellationToken cancellationToken)
    {
        switch (planned.Kind)
        {
            case TrafficEventKind.LinkUp:
            {
                var agent = _agents[planned.From];
                agent.LinkUp = true;
                agent.Known = true;
                Tell(new AgentHello(agent.Id, agent.Incarnation, agent.Link, agent.Spec.ContextTokens, agent.Labels));
                break;
            }

            case TrafficEventKind.LinkDown:
            {
                var agent = _agents[planned.From];
                agent.LinkUp = false;
                Tell(new AgentLinkClosed(agent.Id, agent.Link));
                break;
            }

            default:
                await SendAsync(planned, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A planned message: over the sender's link when the sender is a scenario agent, else put in the inbox as the admin API does.</summary>
    private async Task SendAsync(TrafficEvent send, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToElement(send.Body);
        var kind = Enum.Parse<MessageKind>(send.MessageKind, ignoreCase: true);
        var key = new SessionKey(send.SessionKey);
        object reply;
        if (_agents.TryGetValue(send.From, out var sender))
        {
            if (!sender.LinkUp)
            {
                // The sender's process cannot reach the node: the message is never sent.
                _refused++;
                return;
            }

            reply = await AskAgentsAsync(new SendFromAgent(sender.Id, send.To, body, key, kind), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            reply = await AskAgentsAsync(new AcceptMessage(new AgentId(send.To), send.From, body, key, kind), cancellationToken).ConfigureAwait(false);
        }

        Count(reply);
    }

    private void Count(object reply)
    {
        switch (reply)
        {
            case MessageAccepted { Duplicate: true }:
                _duplicates++;
                break;
            case MessageAccepted:
                _accepted++;
                break;
            default:
                _refused++;
                break;
        }
    }

    /// <summary>What a simulated agent process does with a frame from the node (spec/agent-link.md).</summary>
    private Task OnFrameAsync(SimulatedAgent agent, object frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case HelloOkFrame ok:
                agent.Suspended = ok.State == AgentState.Suspended;
                break;
            case WelcomeFrame welcome when agent.LinkUp:
                // The welcome's payload goes into the context of later sessions; acknowledging it costs no model call.
                Tell(new WelcomeAcknowledged(agent.Id, welcome.WelcomeId));
                break;
            case DeliverFrame deliver when agent.LinkUp:
                agent.HighestDelivered = Math.Max(agent.HighestDelivered, deliver.MessageId);
                if (agent.Spec.Human)
                {
                    // A person's client shows the message; no model is called.
                    Tell(new RunResultReport(agent.Id, new SessionId(deliver.SessionId), deliver.MessageId, true, false, null));
                    break;
                }

                StartTurn(agent, deliver, cancellationToken);
                break;
            case NudgeFrame nudge when agent.LinkUp:
                agent.PendingUpTo = Math.Max(agent.PendingUpTo, nudge.PendingUpTo ?? 0);
                Tell(new FetchRequest(agent.Id, agent.HighestDelivered, FetchLimit));
                break;
            case StopSessionFrame stop:
                agent.Sessions.Remove(stop.SessionId);
                agent.Cancel(t => t.Frame.SessionId == stop.SessionId);
                break;
            case SuspendedFrame:
                agent.Suspended = true;
                agent.Sessions.Clear();
                agent.Cancel(_ => true);
                break;
            case ResumedFrame:
                agent.Suspended = false;
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>A delivery starts a model call: a new session id first loads the context (<c>session-started</c>).</summary>
    private void StartTurn(SimulatedAgent agent, DeliverFrame deliver, CancellationToken cancellationToken)
    {
        var now = Elapsed;
        var fresh = !agent.Sessions.ContainsKey(deliver.SessionId);
        if (fresh)
        {
            agent.Sessions[deliver.SessionId] = 0;
            _tally.SessionLoaded(now, agent.Spec.ContextTokens);
            ReportedTo(agent, withModel: false);
            Tell(new SessionStartedReport(agent.Id, new SessionId(deliver.SessionId), agent.Spec.ContextTokens));
        }

        _tally.Run();
        var turn = new SimulatedTurn(deliver, fresh, _scenario.FailureAt(agent.Spec.Id, now));
        agent.Turns.Add(turn);
        Schedule(now + agent.Spec.TurnTime, () => CompleteTurnAsync(agent, turn, cancellationToken));
    }

    private async Task CompleteTurnAsync(SimulatedAgent agent, SimulatedTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Cancelled)
        {
            return;
        }

        agent.Turns.Remove(turn);
        var deliver = turn.Frame;
        var session = new SessionId(deliver.SessionId);
        if (turn.Failure is { } failure)
        {
            _tally.Failed(failure.Fallback ? 2 : 1);
            if (agent.LinkUp)
            {
                Tell(new RunResultReport(agent.Id, session, deliver.MessageId, false, failure.Retryable, failure.Error));
            }

            FetchMore(agent);
            return;
        }

        var spec = agent.Spec;
        var conversation = agent.Sessions.GetValueOrDefault(deliver.SessionId);
        var input = spec.TurnInputTokens;
        var cached = 0L;
        if (!turn.Fresh)
        {
            // A later turn re-reads the context and the conversation: from the prompt cache, or sent again.
            if (spec.CachesContext)
            {
                cached = spec.ContextTokens + conversation;
            }
            else
            {
                input += spec.ContextTokens + conversation;
            }
        }

        _tally.Call(Elapsed, input, cached, spec.OutputTokens);
        if (agent.Sessions.ContainsKey(deliver.SessionId))
        {
            agent.Sessions[deliver.SessionId] = conversation + spec.TurnInputTokens + spec.OutputTokens;
        }

        if (!agent.LinkUp)
        {
            // Spent, but the report is lost with the connection.
            return;
        }

        ReportedTo(agent, withModel: true);
        Tell(new UsageReport(agent.Id, session, agent.Provider, agent.Model, input, cached, spec.OutputTokens));
        Tell(new RunResultReport(agent.Id, session, deliver.MessageId, true, false, null));
        if (spec.Subagents is { } subagents && DepthOf(deliver.Body) is var depth && depth < subagents.MaxDepth)
        {
            for (var i = 1; i <= subagents.PerTurn; i++)
            {
                var task = new Dictionary<string, string>
                {
                    ["task"] = $"sub-task {i} of message {deliver.MessageId}",
                    ["depth"] = (depth + 1).ToString(CultureInfo.InvariantCulture),
                };
                var key = new SessionKey($"sub-{deliver.MessageId}-{i}");
                Count(await AskAgentsAsync(new SendFromAgent(agent.Id, agent.Id.Value, JsonSerializer.SerializeToElement(task), key, MessageKind.Message), cancellationToken).ConfigureAwait(false));
            }
        }

        FetchMore(agent);
    }

    /// <summary>A polling agent that was nudged about more than it has been handed asks for the rest.</summary>
    private void FetchMore(SimulatedAgent agent)
    {
        if (agent.Polls && agent.LinkUp && agent.Turns.Count == 0 && agent.HighestDelivered < agent.PendingUpTo)
        {
            Tell(new FetchRequest(agent.Id, agent.HighestDelivered, FetchLimit));
        }
    }

    private void ReportedTo(SimulatedAgent agent, bool withModel)
    {
        _scopes.Add(BudgetScope.Global);
        _scopes.Add(BudgetScope.ForNode(NodeName));
        _scopes.Add(BudgetScope.ForAgent(agent.Id));
        if (withModel)
        {
            _scopes.Add(BudgetScope.ForModel(new ModelKey(agent.Provider, agent.Model)));
        }
    }

    private static int DepthOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("depth", out var depth) && depth.ValueKind == JsonValueKind.String &&
        int.TryParse(depth.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;
}
