using AgentMesh.Actors.Pattern;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Rooms;

namespace AgentMesh.Cli.Simulation;

internal sealed partial class MeshSimulation
{
    /// <summary>
    /// Waits until the actors have done everything the last event caused, and lets the simulated agents
    /// react to what reached them, until nothing more happens. A round asks every actor on the paths a
    /// message can take, in the order it takes them (agents, budgets, the suspension forwarder, rooms,
    /// agents again, the alert log, the recorder, the links): mailboxes are first in, first out and a
    /// persisting actor holds later messages until it has persisted, so an answer means everything told
    /// to that actor before was handled, including what the previous actor in the round told it. The
    /// step ends after a round in which no frame, notice or alert arrived and no agent said anything.
    /// </summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            if (round == 100_000)
            {
                throw new InvalidOperationException($"The actors did not settle at {Elapsed}: something keeps sending messages without simulated time passing.");
            }

            var before = Interlocked.Read(ref _activity);
            await PingRoundAsync(cancellationToken).ConfigureAwait(false);
            while (_notices.TryDequeue(out var notice))
            {
                Observe(notice);
            }

            while (_frames.TryDequeue(out var item))
            {
                await OnFrameAsync(_agents[item.Agent], item.Frame, cancellationToken).ConfigureAwait(false);
            }

            if (Interlocked.Read(ref _activity) == before)
            {
                return;
            }
        }
    }

    private async Task PingRoundAsync(CancellationToken cancellationToken)
    {
        var known = _agents.Values.Where(a => a.Known).Select(a => a.Id).ToList();
        await AgentViewsAsync(known, cancellationToken).ConfigureAwait(false);
        if (_scopes.Count > 0)
        {
            await Bounded(Task.WhenAll(_scopes.Select(scope => _budgets.Budgets.Ask<BudgetView>(new GetBudgetView(scope), AskTimeout, cancellationToken))), cancellationToken).ConfigureAwait(false);
        }

        await Bounded(_forwarder.Ask<SimulationPing>(SimulationPing.Instance, AskTimeout, cancellationToken), cancellationToken).ConfigureAwait(false);
        var rooms = _scenario.Agents.SelectMany(a => a.Rooms).Distinct(StringComparer.Ordinal).ToList();
        if (rooms.Count > 0)
        {
            await Bounded(Task.WhenAll(rooms.Select(room => _rooms.Ask<RoomMembers>(new GetRoomMembers(new RoomName(room)), AskTimeout, cancellationToken))), cancellationToken).ConfigureAwait(false);
        }

        await AgentViewsAsync(known, cancellationToken).ConfigureAwait(false);
        await Bounded(_budgets.AlertLog.Ask<AlertList>(new GetAlerts(0, 1), AskTimeout, cancellationToken), cancellationToken).ConfigureAwait(false);
        await Bounded(_recorder.Ask<SimulationPing>(SimulationPing.Instance, AskTimeout, cancellationToken), cancellationToken).ConfigureAwait(false);
        await Bounded(Task.WhenAll(_agents.Values.Select(a => a.Link.Ask<SimulationPing>(SimulationPing.Instance, AskTimeout, cancellationToken))), cancellationToken).ConfigureAwait(false);
    }

    private Task AgentViewsAsync(IReadOnlyList<AgentId> agents, CancellationToken cancellationToken) =>
        agents.Count == 0
            ? Task.CompletedTask
            : Bounded(Task.WhenAll(agents.Select(id => _agentRegion.Ask<object>(new GetAgentView(id), AskTimeout, cancellationToken))), cancellationToken);

    /// <summary>Notices and alerts: counted, and the first alert and the first containment noted.</summary>
    private void Observe(object notice)
    {
        switch (notice)
        {
            case AlertLogged alert:
                _alerts.Add(new AlertSummary((alert.At - Start).TotalSeconds, alert.Severity.ToString().ToLowerInvariant(), alert.Scope, alert.Kind, alert.Message));
                break;
            case AgentStateChanged { To: AgentState.Suspended } suspended:
                Contained(suspended.At, suspended.Why);
                break;
            case AgentStateChanged { To: AgentState.Flapping } flapping:
                Contained(flapping.At, $"{flapping.AgentId} quarantined (flapping)");
                break;
            case CircuitChanged { Open: true } circuit:
                Contained(circuit.At, $"circuit open ({circuit.AgentId}, key {circuit.SessionKey})");
                break;
            case NudgeSent:
                _nudges++;
                break;
            case WelcomeSentNotice:
                _welcomes++;
                break;
        }
    }

    private void Contained(DateTimeOffset at, string by)
    {
        var seconds = (at - Start).TotalSeconds;
        if (_containment is null || seconds < _containment.Value.At)
        {
            _containment = (seconds, by);
        }
    }
}
