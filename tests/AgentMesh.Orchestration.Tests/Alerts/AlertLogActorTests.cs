using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Tests.Budgets;

namespace AgentMesh.Orchestration.Tests.Alerts;

/// <summary>The alert log: numbered in arrival order, durable, answered after an id, bounded.</summary>
public sealed class AlertLogActorTests
{
    [Fact]
    public async Task Alerts_AreNumberedInArrivalOrder_AndSinceAnswersOnlyNewerOnes()
    {
        await using var h = await BudgetHarness.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            Raise(h, i);
        }

        var all = await h.AlertsAsync();
        all.Alerts.Select(a => a.Id).Should().Equal(1, 2, 3, 4, 5);
        all.Alerts.Select(a => a.Message).Should().Equal("alert 1", "alert 2", "alert 3", "alert 4", "alert 5");
        all.Alerts[0].Should().Be(new AlertLogged(1, h.Now, AlertSeverity.Warning, "agent:a1", "test", "alert 1", all.Alerts[0].Figures));
        all.Alerts[0].Figures.Should().Equal(new Dictionary<string, decimal> { ["n"] = 1m });
        all.Should().Match<AlertList>(l => l.LastId == 5 && l.FirstRetainedId == 1 && !l.HasMore);

        var since = await h.AlertsAsync(since: 3);
        since.Alerts.Select(a => a.Id).Should().Equal(4, 5);
        var page = await h.AlertsAsync(since: 3, limit: 1);
        page.Alerts.Select(a => a.Id).Should().Equal(4);
        page.HasMore.Should().BeTrue();
        (await h.AlertsAsync(since: 5)).Alerts.Should().BeEmpty();

        // Each is published, numbered, once it is durable: what the SSE stream and the webhook forward.
        await h.FlushEventsAsync();
        h.Logged<AlertLogged>().Select(a => a.Id).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Log_SurvivesARestart_AndNumberingContinues()
    {
        await using var h = await BudgetHarness.StartAsync(onSqlite: true);
        Raise(h, 1);
        Raise(h, 2);
        await h.AlertsAsync();

        await h.RestartAsync();
        Raise(h, 3);

        var all = await h.AlertsAsync();
        all.Alerts.Select(a => (a.Id, a.Message)).Should().Equal((1, "alert 1"), (2, "alert 2"), (3, "alert 3"));
    }

    [Fact]
    public async Task Retention_KeepsTheNewest_AndSaysWhereTheLogNowStarts()
    {
        await using var h = await BudgetHarness.StartAsync(onSqlite: true, budgets: b => b with { AlertLog = new AlertLogOptions { Retain = 3, SnapshotEvery = 2 } });
        for (var i = 1; i <= 7; i++)
        {
            Raise(h, i);
        }

        var before = await h.AlertsAsync(since: 1);
        await h.RestartAsync();
        var after = await h.AlertsAsync(since: 1);

        before.Alerts.Select(a => a.Id).Should().Equal(5, 6, 7);
        before.FirstRetainedId.Should().Be(5, "a caller that asked since 1 can tell it missed 2 to 4");
        after.Should().BeEquivalentTo(before);
    }

    private static void Raise(BudgetHarness h, int n) =>
        h.Kit.System.EventStream.Publish(new AlertRaised(
            h.Now, AlertSeverity.Warning, $"agent:a{n}", "test", $"alert {n}", new Dictionary<string, decimal> { ["n"] = n }));
}
