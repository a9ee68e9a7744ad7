using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence;
using Xunit.Abstractions;
using static AgentMesh.Orchestration.Tests.Budgets.BudgetHarness;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>
/// What a budget keeps across node restarts, on a SQLite file: tallies are persisted in batches at
/// most one second behind the reports, so a crash loses at most the last second and a graceful stop
/// nothing; alerts already raised stay raised; runtime limits are durable when answered.
/// </summary>
public sealed class BudgetPersistenceTests(ITestOutputHelper output)
{
    private const string Scope = "agent:gpu-box";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Crash_LosesAtMostTheLastSecondOfReports()
    {
        await using var h = await StartAsync(onSqlite: true);
        var reports = await ReportEvery100MsAsync(h, count: 101);
        var crashAt = h.Now;

        await h.RestartAsync(crash: true);

        var recovered = (await h.ViewAsync(Scope)).Spend.Today.InputTokens;
        var lost = reports.Skip((int)(recovered / 1_000)).ToList();
        output.WriteLine($"reported {reports.Count * 1_000L:N0} tokens in {reports.Count} reports until {crashAt - reports[0].At}; recovered {recovered:N0} after the crash");
        output.WriteLine($"lost {lost.Count} report(s), reported {string.Join(", ", lost.Select(r => $"{(crashAt - r.At).TotalMilliseconds:0} ms"))} before the crash");

        reports.Where(r => r.At < crashAt - TimeSpan.FromSeconds(1)).Sum(r => r.Usage.InputTokens).Should().BeLessThanOrEqualTo(recovered);
        lost.Should().OnlyContain(r => crashAt - r.At <= TimeSpan.FromSeconds(1));
        recovered.Should().Be(100_000, "the batch of 9.0–9.9 s was persisted at 10.0 s; the report of 10.0 s waited for 11.0 s");
    }

    [Fact]
    public async Task GracefulRestart_LosesNothing()
    {
        await using var h = await StartAsync(onSqlite: true);
        var reports = await ReportEvery100MsAsync(h, count: 25);

        await h.RestartAsync();

        var view = await h.ViewAsync(Scope);
        view.Spend.Today.InputTokens.Should().Be(reports.Sum(r => r.Usage.InputTokens));
        view.Spend.SpawnsLastHour.Should().Be(reports.Count(r => r.Spawn));
        view.Spend.TokensPerMinute.Should().Be(25_000m / 5);
    }

    [Fact]
    public async Task SoftAlert_IsNotRaisedAgain_AfterACrashRightAfterIt()
    {
        await using var h = await StartAsync(onSqlite: true, budgets: BudgetActorTests.WithScope("global", new BudgetLimits { TokensPerDay = 1_000 }));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 900));
        await h.ViewAsync("global");

        // The crash comes right after the alert is durable in the alert log, not before.
        await AwaitAssert.HoldsAsync(async () =>
        {
            await h.FlushEventsAsync();
            h.Logged<AlertLogged>().Should().ContainSingle();
        });
        await h.RestartAsync(crash: true);
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 10));
        (await h.ViewAsync("global")).Spend.Today.InputTokens.Should().Be(910);
        await h.FlushEventsAsync();

        h.Logged<AlertRaised>().Should().BeEmpty("the soft alert was raised before the restart");
        var alerts = await h.AlertsAsync();
        alerts.Alerts.Should().ContainSingle().Which.Kind.Should().Be(BudgetActor.SoftLimitAlert);
    }

    [Fact]
    public async Task RuntimeLimits_AreDurableOnceAnswered_AndWinOverConfiguration()
    {
        await using var h = await StartAsync(onSqlite: true, budgets: BudgetActorTests.WithScope(Scope, new BudgetLimits { TokensPerDay = 1_000 }));
        var limits = new BudgetLimits { TokensPerDay = 5_000, SpawnsPerHour = 3, VelocitySpan = TimeSpan.FromMinutes(10) };

        (await h.SetLimitsAsync(Scope, limits)).Should().BeOfType<BudgetLimitsUpdated>();
        await h.RestartAsync(crash: true);

        var view = await h.ViewAsync(Scope);
        view.Limits.Should().Be(limits);
        view.LimitsSource.Should().Be(BudgetLimitsSource.Runtime);
    }

    [Fact]
    public async Task Reset_HandsTheScopeBackToConfiguration_Durably_AndAlertsOnWhatItAlreadyCrosses()
    {
        var configured = new BudgetLimits { TokensPerDay = 1_000 };
        await using var h = await StartAsync(onSqlite: true, budgets: BudgetActorTests.WithScope(Scope, configured));
        (await h.SetLimitsAsync(Scope, new BudgetLimits { TokensPerDay = 5_000 })).Should().BeOfType<BudgetLimitsUpdated>();
        h.Budgets.Tell(Usage(Scope, "gpu-box", h.Now, input: 1_200));
        (await h.ViewAsync(Scope)).Exceeded.Should().BeEmpty("1,200 is within the runtime limit of 5,000");

        var reset = await h.ResetLimitsAsync(Scope);

        reset.View.Limits.Should().Be(configured);
        reset.View.LimitsSource.Should().Be(BudgetLimitsSource.Configuration);
        reset.View.Exceeded.Should().Equal(BudgetLimitKind.TokensPerDay);
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>().Select(a => a.Kind).Should().Contain(BudgetActor.HardLimitAlert);

        await h.RestartAsync(crash: true);
        var view = await h.ViewAsync(Scope);
        view.Limits.Should().Be(configured);
        view.LimitsSource.Should().Be(BudgetLimitsSource.Configuration);
    }

    [Fact]
    public async Task Reset_OfAScopeWithoutRuntimeLimits_ChangesNothing()
    {
        await using var h = await StartAsync(onSqlite: true);
        var before = await h.ViewAsync("global");

        var reset = await h.ResetLimitsAsync("global");

        reset.View.Limits.Should().Be(before.Limits);
        reset.View.LimitsSource.Should().Be(before.LimitsSource);
    }

    [Fact]
    public async Task ChangedConfiguration_AppliesAfterARestart_AndAlertsOnWhatItAlreadyCrosses()
    {
        await using var h = await StartAsync(onSqlite: true);
        h.Budgets.Tell(Usage(Scope, "gpu-box", h.Now, input: 600));
        await h.ViewAsync(Scope);

        h.ConfigureBudgets(BudgetActorTests.WithScope(Scope, new BudgetLimits { TokensPerDay = 500 }));
        await h.RestartAsync();

        var view = await h.ViewAsync(Scope);
        view.Limits.TokensPerDay.Should().Be(500);
        view.LimitsSource.Should().Be(BudgetLimitsSource.Configuration);
        view.Exceeded.Should().Equal(BudgetLimitKind.TokensPerDay);
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>().Select(a => a.Kind).Should().Equal(BudgetActor.SoftLimitAlert, BudgetActor.HardLimitAlert);

        // The snapshot taken then holds the new limits: the next start does not alert again.
        await h.RestartAsync();
        await h.ViewAsync(Scope);
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>().Should().BeEmpty();
    }

    [Fact]
    public async Task Snapshots_TrimTheJournal_AndRecoveryGivesTheSameSpend()
    {
        await using var h = await StartAsync(onSqlite: true, budgets: b => b with { Options = b.Options with { SnapshotEvery = 3 } });
        await ReportEvery100MsAsync(h, count: 100);
        var before = await h.ViewAsync(Scope);
        await h.Budgets.Ask<BudgetFlushed>(new FlushBudget(new BudgetScope(Scope)), AskTimeout);
        var id = new PersistenceId("budget-" + Scope);

        // Events 1 (the configured limits) to 11 (ten batches); snapshots at 3, 6 and 9, each
        // followed by a trim of the journal, which nothing announces.
        await AwaitAssert.HoldsAsync(() => Left(h, id).Should().Be(2));
        await h.RestartAsync();

        var after = await h.ViewAsync(Scope);
        after.Spend.Should().BeEquivalentTo(before.Spend, o => o.Excluding(s => s.TokensPerMinute));
        var highest = await h.Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None);
        var snapshot = await h.Snapshots.LoadLatestAsync(id, SnapshotCriteria.Any, CancellationToken.None);
        output.WriteLine($"{highest} events written for 100 reports over 10 s; {Left(h, id)} left in the journal; latest snapshot at {snapshot?.SequenceNr}");
        highest.Should().Be(11, "the first batch is preceded by the configured limits");
        snapshot.Should().NotBeNull();
        snapshot!.SequenceNr.Should().Be(9);
    }

    private static int Left(BudgetHarness h, PersistenceId id) =>
        h.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue, CancellationToken.None).CountAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public async Task IdleBudget_IsPassivated_AndComesBackWithItsTallies()
    {
        await using var h = await StartAsync(onSqlite: true, budgets: b => b with { PassivateIdleAfter = TimeSpan.FromMinutes(1) });
        h.Budgets.Tell(Usage(Scope, "gpu-box", h.Now, input: 1_234, spawn: true));
        await h.ViewAsync(Scope);

        h.Clock.Advance(TimeSpan.FromMinutes(2));

        // Stopping is asynchronous and announces nothing outside the region.
        await AwaitAssert.HoldsAsync(() =>
            h.Budgets.Ask<ShardRegionState>(GetShardRegionState.Instance, AskTimeout).GetAwaiter().GetResult().RunningEntities.Should().BeEmpty());
        var view = await h.ViewAsync(Scope);
        view.Spend.Today.InputTokens.Should().Be(1_234);
        view.Spend.SpawnsLastHour.Should().Be(1);
    }

    /// <summary>Reports 1,000 input tokens every 100 ms (every tenth a session spawn), each tallied before the clock moves on.</summary>
    private static async Task<List<RecordBudgetUsage>> ReportEvery100MsAsync(BudgetHarness h, int count)
    {
        var reports = new List<RecordBudgetUsage>();
        for (var i = 0; i < count; i++)
        {
            var report = Usage(Scope, "gpu-box", h.Now, input: 1_000, spawn: i % 10 == 0);
            reports.Add(report);
            h.Budgets.Tell(report);
            await h.ViewAsync(Scope);
            h.Clock.Advance(Step);
        }

        return reports;
    }
}
