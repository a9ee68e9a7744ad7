using AgentMesh.Actors.Pattern;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using static AgentMesh.Orchestration.Tests.Budgets.BudgetHarness;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>A budget scope's actor on its own: tallies, views, limits, crossings, suspensions and the directory, on a manual clock.</summary>
public sealed class BudgetActorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task Usage_IsTalliedIntoEveryWindow_AndTheViewShowsItWithTheLimits()
    {
        await using var h = await StartAsync();
        var t0 = h.Now;
        h.Budgets.Tell(Usage("agent:gpu-box", "gpu-box", t0, input: 80_000, spawn: true));
        h.Budgets.Tell(Usage("agent:gpu-box", "gpu-box", t0, input: 1_000, cached: 80_000, output: 600, cost: 0.04m));

        var view = await h.ViewAsync("agent:gpu-box");

        var total = new UsageTally(81_000, 80_000, 600, 0.04m);
        view.Scope.Should().Be("agent:gpu-box");
        view.Limits.Should().Be(BudgetLimits.AgentDefault);
        view.LimitsSource.Should().Be(BudgetLimitsSource.Default);
        view.Spend.Today.Should().Be(total);
        view.Spend.ThisMonth.Should().Be(total);
        view.Spend.LastMinute.Should().Be(total);
        view.Spend.LastHour.Should().Be(total);
        view.Spend.Last24Hours.Should().Be(total);
        view.Spend.TokensPerMinute.Should().Be(81_600m / 5);
        view.Spend.SpawnsLastHour.Should().Be(1);
        view.Exceeded.Should().BeEmpty();

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        view = await h.ViewAsync("agent:gpu-box");
        view.Spend.LastMinute.Should().Be(default(UsageTally));
        view.Spend.LastHour.Should().Be(total);
        view.At.Should().Be(t0 + TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Limits_ComeFromTheScope_ThenItsKindDefault_AndTheViewSaysWhich()
    {
        var own = new BudgetLimits { TokensPerDay = 1_000 };
        var models = new BudgetLimits { CostPerDayUsd = 10m };
        await using var h = await StartAsync(budgets: b => b with
        {
            Options = new BudgetOptions
            {
                Scopes = new Dictionary<BudgetScope, BudgetLimits> { [new BudgetScope("agent:gpu-box")] = own },
                Defaults = new Dictionary<BudgetScopeKind, BudgetLimits> { [BudgetScopeKind.Model] = models },
            },
        });

        (await h.ViewAsync("agent:gpu-box")).Should().Match<BudgetView>(v => v.Limits == own && v.LimitsSource == BudgetLimitsSource.Configuration);
        (await h.ViewAsync("agent:mac-mini")).Should().Match<BudgetView>(v => v.Limits == BudgetLimits.AgentDefault && v.LimitsSource == BudgetLimitsSource.Default);
        (await h.ViewAsync("model:openai/gpt-4o")).Should().Match<BudgetView>(v => v.Limits == models && v.LimitsSource == BudgetLimitsSource.Default);
        (await h.ViewAsync("global")).Limits.Should().Be(BudgetLimits.Unlimited);
    }

    [Fact]
    public async Task SoftThreshold_AlertsOncePerPeriod_AndAgainTheNextDay()
    {
        await using var h = await StartAsync(budgets: WithScope("global", new BudgetLimits { TokensPerDay = 1_000 }));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 500));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 300));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 100));
        h.Budgets.Tell(Usage("global", "b", h.Now, output: 50));
        await h.ViewAsync("global");
        await h.FlushEventsAsync();

        var soft = h.Logged<AlertRaised>(a => a.Kind == BudgetActor.SoftLimitAlert);
        soft.Should().ContainSingle();
        soft[0].Severity.Should().Be(AlertSeverity.Warning);
        soft[0].Scope.Should().Be("global");
        soft[0].Message.Should().Be("global: tokens today 800 tokens reached the soft threshold 800 of the limit 1,000.");
        soft[0].Figures.Should().Contain(new KeyValuePair<string, decimal>("value", 800m)).And.Contain(new KeyValuePair<string, decimal>("limit", 1_000m));

        h.Clock.AdvanceTo(new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 799));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 1));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 1));
        (await h.ViewAsync("global")).Spend.Today.InputTokens.Should().Be(801);
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>(a => a.Kind == BudgetActor.SoftLimitAlert).Should().HaveCount(2);
        h.AgentsProbe.Tell("nothing else"); // Nothing was suspended: the probe's first message is this one.
        (await h.AgentsProbe.ExpectMsgAsync<string>()).Should().Be("nothing else");
    }

    [Fact]
    public async Task DaysAndMonths_StartAtLocalMidnight_InTheConfiguredTimeZone()
    {
        // 22:30 UTC on 31 January is 23:30 in Berlin; 23:15 UTC is already 1 February there.
        var start = new DateTimeOffset(2026, 1, 31, 22, 30, 0, TimeSpan.Zero);
        await using var h = await StartAsync(start: start, budgets: b => b with
        {
            Options = new BudgetOptions
            {
                TimeZone = Berlin,
                Scopes = new Dictionary<BudgetScope, BudgetLimits> { [BudgetScope.Global] = new() { TokensPerMonth = 100 } },
            },
        });

        h.Budgets.Tell(Usage("global", "a", h.Now, input: 100));
        var january = await h.ViewAsync("global");
        january.Spend.Day.Should().Be(new CalendarPeriod(new DateTimeOffset(2026, 1, 30, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero)));
        january.Spend.Month.Start.Should().Be(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero));
        january.Spend.ThisMonth.InputTokens.Should().Be(100);

        h.Clock.Advance(TimeSpan.FromMinutes(45));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 50));
        var february = await h.ViewAsync("global");
        february.Spend.Day.Start.Should().Be(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero));
        february.Spend.Month.Should().Be(new CalendarPeriod(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero)));
        february.Spend.Today.InputTokens.Should().Be(50);
        february.Spend.ThisMonth.InputTokens.Should().Be(50);
        february.Spend.Last24Hours.InputTokens.Should().Be(150, "rolling windows do not care about calendars");

        // The monthly soft threshold (80) alerted in January and alerts again in February.
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 30));
        await h.ViewAsync("global");
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>(a => a.Kind == BudgetActor.SoftLimitAlert).Select(a => a.At)
            .Should().Equal(start, start + TimeSpan.FromMinutes(45));
    }

    [Fact]
    public async Task HardLimit_OnAModelScope_SuspendsOnlyTheAgentsThatSpendOnIt()
    {
        const string gpt41 = "model:openai/gpt-4.1";
        await using var h = await StartAsync(budgets: WithScope(gpt41, new BudgetLimits { TokensPerDay = 1_000 }));
        h.Budgets.Tell(Usage(gpt41, "bystander", h.Now, input: 300));
        h.Budgets.Tell(Usage("model:anthropic/claude-sonnet-4", "other-model", h.Now, input: 50_000));
        h.Budgets.Tell(Usage(gpt41, "spender", h.Now, input: 700, output: 100));

        var suspend = await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>();
        suspend.Agent.Should().Be(new AgentId("spender"));
        suspend.Source.Should().Be(SuspensionSource.Budget);
        suspend.Reason.Should().Be("budget model:openai/gpt-4.1: tokens today 1,100 tokens exceeded the limit 1,000");
        await h.AgentsProbe.ExpectNoMsgAsync();

        // Whoever adds to the exhausted budget next is stopped too; the critical alert was raised once.
        h.Budgets.Tell(Usage(gpt41, "bystander", h.Now, output: 10));
        (await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>()).Agent.Should().Be(new AgentId("bystander"));
        (await h.ViewAsync(gpt41)).Exceeded.Should().Equal(BudgetLimitKind.TokensPerDay);
        await h.FlushEventsAsync();
        var hard = h.Logged<AlertRaised>(a => a.Kind == BudgetActor.HardLimitAlert).Should().ContainSingle().Subject;
        hard.Severity.Should().Be(AlertSeverity.Critical);
        hard.Scope.Should().Be(gpt41);
        hard.Message.Should().Contain("Agent spender is suspended");
        h.Logged<AlertRaised>().Should().NotContain(a => a.Scope == "model:anthropic/claude-sonnet-4");
    }

    [Fact]
    public async Task SetBudgetLimits_RefusesADailyLimitAboveTheMonthly_NamingTheField()
    {
        await using var h = await StartAsync();

        var reply = await h.SetLimitsAsync("agent:gpu-box", new BudgetLimits { TokensPerDay = 2_000, TokensPerMonth = 1_000 });

        var rejected = reply.Should().BeOfType<BudgetLimitsRejected>().Subject;
        rejected.Scope.Should().Be("agent:gpu-box");
        rejected.Problems.Should().ContainSingle().Which.Should().Be(new BudgetLimitProblem(
            "tokensPerDay", "tokensPerDay (2,000) is above tokensPerMonth (1,000); a daily limit must not exceed the monthly one."));
        (await h.ViewAsync("agent:gpu-box")).Limits.Should().Be(BudgetLimits.AgentDefault);
    }

    [Fact]
    public async Task SetBudgetLimits_AlertsAtOnceOnWhatIsAlreadyOver_AndSuspendsTheNextSpender()
    {
        await using var h = await StartAsync();
        h.Budgets.Tell(Usage("node:mac-mini", "gpu-box", h.Now, input: 5_000));

        var reply = await h.SetLimitsAsync("node:mac-mini", new BudgetLimits { TokensPerDay = 4_000 });

        var updated = reply.Should().BeOfType<BudgetLimitsUpdated>().Subject;
        updated.View.LimitsSource.Should().Be(BudgetLimitsSource.Runtime);
        updated.View.Exceeded.Should().Equal(BudgetLimitKind.TokensPerDay);
        await h.FlushEventsAsync();
        h.Logged<AlertRaised>().Select(a => a.Kind).Should().Equal(BudgetActor.SoftLimitAlert, BudgetActor.HardLimitAlert);
        await h.AgentsProbe.ExpectNoMsgAsync();

        h.Budgets.Tell(Usage("node:mac-mini", "gpu-box", h.Now, output: 1));
        (await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>()).Agent.Should().Be(new AgentId("gpu-box"));
    }

    [Fact]
    public async Task Suspensions_ToldBeforeTheAgentsRegionIsBound_AreDeliveredWhenItIs()
    {
        await using var h = await StartAsync(bindAgents: false, budgets: WithScope("global", new BudgetLimits { TokensPerDay = 10 }));
        h.Budgets.Tell(Usage("global", "early", h.Now, input: 11));
        await h.ViewAsync("global");
        await h.AgentsProbe.ExpectNoMsgAsync();

        h.Accounting.BindAgents(h.AgentsProbe);

        (await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>()).Agent.Should().Be(new AgentId("early"));
        h.Budgets.Tell(Usage("global", "late", h.Now, input: 1));
        (await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>()).Agent.Should().Be(new AgentId("late"));
    }

    [Fact]
    public async Task Directory_ListsEveryScopeEverUsed_AndTheConfiguredOnes_AcrossRestarts()
    {
        await using var h = await StartAsync(budgets: WithScope("node:gpu-box", new BudgetLimits { TokensPerDay = 10 }));
        h.Budgets.Tell(Usage("global", "a", h.Now, input: 1));
        h.Budgets.Tell(Usage("agent:a", "a", h.Now, input: 1));
        await h.SetLimitsAsync("model:openai/gpt-4o", new BudgetLimits { CostPerDayUsd = 5m });
        await h.ViewAsync("agent:only-looked-at");

        // Each scope registered itself before it answered, so the directory has heard of them all.
        await h.ViewAsync("agent:a");
        await h.ViewAsync("global");
        string[] expected = ["agent:a", "global", "model:openai/gpt-4o", "node:gpu-box"];
        (await h.Accounting.Directory.Ask<BudgetScopes>(GetBudgetScopes.Instance, AskTimeout)).Scopes.Should().Equal(expected);

        await h.RestartAsync();

        (await h.Accounting.Directory.Ask<BudgetScopes>(GetBudgetScopes.Instance, AskTimeout)).Scopes.Should().Equal(expected);
        var views = await h.Accounting.ViewAllAsync(AskTimeout, CancellationToken.None);
        views.Select(v => v.Scope).Should().Equal(expected);
        views.Single(v => v.Scope == "agent:a").Spend.Today.InputTokens.Should().Be(1);
        views.Single(v => v.Scope == "model:openai/gpt-4o").LimitsSource.Should().Be(BudgetLimitsSource.Runtime);
    }

    internal static Func<BudgetEnvironment, BudgetEnvironment> WithScope(string scope, BudgetLimits limits) =>
        b => b with { Options = b.Options with { Scopes = new Dictionary<BudgetScope, BudgetLimits> { [new BudgetScope(scope)] = limits } } };
}
