using AgentMesh.Actors.Pattern;
using AgentMesh.Orchestration.Alerts;

namespace AgentMesh.Cli.Simulation;

internal sealed partial class MeshSimulation
{
    private async Task<RunFigures> FiguresAsync(CancellationToken cancellationToken)
    {
        // The alert log is the record; the alerts seen on the event stream were the same ones, live.
        var log = await Bounded(_budgets.AlertLog.Ask<AlertList>(new GetAlerts(0, GetAlerts.MaxLimit), AskTimeout, cancellationToken), cancellationToken).ConfigureAwait(false);
        var alerts = log.Alerts
            .Select(a => new AlertSummary((a.At - Start).TotalSeconds, a.Severity.ToString().ToLowerInvariant(), a.Scope, a.Kind, a.Message))
            .ToList();
        var first = alerts.OrderBy(a => a.AtSeconds).FirstOrDefault();
        return new RunFigures
        {
            Run = "agentmesh",
            Sessions = _tally.Sessions,
            ModelCalls = _tally.ModelCalls,
            FailedRuns = _tally.FailedRuns,
            InputTokens = _tally.InputTokens,
            CachedInputTokens = _tally.CachedInputTokens,
            OutputTokens = _tally.OutputTokens,
            Runs = _tally.Runs,
            MessagesAccepted = _accepted,
            DuplicatesDropped = _duplicates,
            Refused = _refused,
            Nudges = _nudges,
            Welcomes = _welcomes,
            FirstAlertSeconds = first?.AtSeconds,
            FirstAlertKind = first?.Kind,
            ContainmentSeconds = _containment?.At,
            ContainedBy = _containment?.By,
            Costs = BridgeArithmetic.CostsAtEveryPrice(_prices, _tally.InputTokens, _tally.CachedInputTokens, _tally.OutputTokens),
            Alerts = alerts.Count > 0 ? alerts : _alerts,
            Series = _tally.Series,
        };
    }
}
