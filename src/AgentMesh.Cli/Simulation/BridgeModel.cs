using AgentMesh.Orchestration.Budgets;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The forward-everything bridge, as a pure model over the same traffic plan (no actors): every
/// delivery is forwarded (copies and repeats too: no dedup), every forward is a fresh session loading
/// the agent's full context (<see cref="BridgeArithmetic"/>), a polling agent's every tick is a model
/// call that re-reads its context and its conversation so far, a failed run re-creates its session,
/// a sub-agent's every request is another session, and nothing ever stops it (no circuit, no budget).
/// </summary>
internal static class BridgeModel
{
    public static RunFigures Run(Scenario scenario, TrafficPlan plan, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        var tally = new TokenTally();
        var work = new PriorityQueue<(string Agent, int Depth, bool Poll), (TimeSpan At, long Sequence)>();
        long sequence = 0;
        foreach (var send in plan.Events.Where(e => e.Kind == TrafficEventKind.Send))
        {
            foreach (var receiver in TrafficPlan.Receivers(scenario, send.From, send.To))
            {
                // A polling agent reads what arrived at its next tick; everyone else gets it forwarded now.
                if (scenario.PollInterval(receiver.Id) is null)
                {
                    work.Enqueue((receiver.Id, 0, false), (send.At, sequence++));
                }
            }
        }

        foreach (var (agent, ticks) in plan.PollTicks)
        {
            if (scenario.FindAgent(agent) is { Human: false })
            {
                foreach (var tick in ticks)
                {
                    work.Enqueue((agent, 0, true), (tick, sequence++));
                }
            }
        }

        var conversation = new Dictionary<string, long>(StringComparer.Ordinal);
        var pollTickInputs = new List<long>();
        while (work.TryDequeue(out var item, out var when))
        {
            var agent = scenario.FindAgent(item.Agent)!; // Receivers and poll ticks name scenario agents.
            tally.Run();
            var history = item.Poll ? conversation.GetValueOrDefault(agent.Id) : 0;
            if (scenario.FailureAt(agent.Id, when.At) is { } failure)
            {
                // The failed session is evicted and the next message re-creates it: a session load every time.
                tally.SessionLoaded(when.At, agent.ContextTokens + history);
                tally.Failed(failure.Fallback ? 2 : 1);
                continue;
            }

            var input = BridgeArithmetic.ForwardedInput(agent.ContextTokens, agent.TurnInputTokens, history);
            tally.SessionLoaded(when.At, agent.ContextTokens + history);
            tally.Call(when.At, agent.TurnInputTokens, 0, agent.OutputTokens);
            if (item.Poll)
            {
                pollTickInputs.Add(input);
                conversation[agent.Id] = history + agent.TurnInputTokens + agent.OutputTokens;
            }

            if (agent.Subagents is { } sub && item.Depth < sub.MaxDepth)
            {
                for (var i = 0; i < sub.PerTurn; i++)
                {
                    work.Enqueue((agent.Id, item.Depth + 1, false), (when.At + agent.TurnTime, sequence++));
                }
            }
        }

        return new RunFigures
        {
            Run = "bridge",
            Sessions = tally.Sessions,
            ModelCalls = tally.ModelCalls,
            FailedRuns = tally.FailedRuns,
            InputTokens = tally.InputTokens,
            CachedInputTokens = tally.CachedInputTokens,
            OutputTokens = tally.OutputTokens,
            Runs = tally.Runs,
            MessagesAccepted = plan.Sends,
            Costs = BridgeArithmetic.CostsAtEveryPrice(prices, tally.InputTokens, tally.CachedInputTokens, tally.OutputTokens),
            Series = tally.Series,
            PollTickInputs = pollTickInputs,
        };
    }
}
