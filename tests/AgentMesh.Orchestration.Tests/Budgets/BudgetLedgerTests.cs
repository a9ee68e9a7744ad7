using System.Text.Json;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Budgets;

public sealed class BudgetLedgerTests
{
    private static readonly BudgetScope Agent = BudgetScope.ForAgent(new AgentId("gpu-box"));

    [Fact]
    public void BudgetLedger_SoftThreshold_IsCrossedExactlyAtEightyPercent()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });

        ledger.Record(Tokens(799), T0).Should().BeEmpty();
        var crossings = ledger.Record(Tokens(1), Seconds(1));

        crossings.Should().Equal(
            new BudgetCrossing(Agent, BudgetLimitKind.TokensPerDay, BudgetSeverity.Soft, 800, 800, 1_000, Seconds(1), IsNew: true));
    }

    [Fact]
    public void BudgetLedger_SoftThreshold_AlertsOncePerPeriod()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });
        ledger.Record(Tokens(800), T0);

        ledger.Record(Tokens(100), Seconds(1)).Should().BeEmpty();
        ledger.Record(Tokens(100), Seconds(2)).Should().BeEmpty();
    }

    [Fact]
    public void BudgetLedger_HardLimit_IsCrossedOnlyAboveTheLimit_AndRepeatsAsNotNew()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });
        ledger.Record(Tokens(999), T0).Should().ContainSingle(c => c.Severity == BudgetSeverity.Soft);

        ledger.Record(Tokens(1), Seconds(1)).Should().BeEmpty();
        var first = ledger.Record(Tokens(1), Seconds(2));
        var again = ledger.Record(Tokens(1), Seconds(3));

        first.Should().Equal(
            new BudgetCrossing(Agent, BudgetLimitKind.TokensPerDay, BudgetSeverity.Hard, 1_001, 1_000, 1_000, Seconds(2), IsNew: true));
        again.Should().ContainSingle().Which.Should().Match<BudgetCrossing>(c => c.Severity == BudgetSeverity.Hard && !c.IsNew && c.Value == 1_002);
    }

    [Fact]
    public void BudgetLedger_OneBigRecord_CrossesSoftAndHardTogether()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });

        ledger.Record(Tokens(5_000), T0).Select(c => c.Severity).Should().Equal(BudgetSeverity.Soft, BudgetSeverity.Hard);
    }

    [Fact]
    public void BudgetLedger_NewDay_ResetsTheDayTally_AndRearmsItsAlerts()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000, TokensPerMonth = 1_000_000 });
        var lastSecond = new DateTimeOffset(2025, 6, 2, 23, 59, 59, TimeSpan.Zero);
        ledger.Record(Tokens(1_001), lastSecond).Should().HaveCount(2);

        ledger.Record(Tokens(799), lastSecond.AddSeconds(1)).Should().BeEmpty();
        ledger.Record(Tokens(1), lastSecond.AddSeconds(2)).Should().ContainSingle()
            .Which.Should().Match<BudgetCrossing>(c => c.Severity == BudgetSeverity.Soft && c.IsNew);

        var spend = ledger.Spend(lastSecond.AddSeconds(2));
        spend.Today.InputTokens.Should().Be(800);
        spend.ThisMonth.InputTokens.Should().Be(1_801);
        spend.Day.Start.Should().Be(new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void BudgetLedger_MonthlyAlerts_SurviveANewDay_AndRearmInANewMonth()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerMonth = 1_000 });
        ledger.Record(Tokens(900), new DateTimeOffset(2025, 1, 30, 12, 0, 0, TimeSpan.Zero)).Should().ContainSingle();

        ledger.Record(Tokens(50), new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero)).Should().BeEmpty();
        ledger.Record(Tokens(900), new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)).Should().ContainSingle()
            .Which.Value.Should().Be(900);
    }

    [Fact]
    public void BudgetLedger_Day_FollowsTheConfiguredTimeZone()
    {
        var berlin = new CalendarPeriods(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 }, berlin);
        ledger.Record(Tokens(900), new DateTimeOffset(2025, 6, 2, 21, 59, 0, TimeSpan.Zero));

        ledger.Record(Tokens(900), new DateTimeOffset(2025, 6, 2, 22, 0, 0, TimeSpan.Zero)).Should().ContainSingle()
            .Which.Value.Should().Be(900);
    }

    [Fact]
    public void BudgetLedger_CostLimits_CountUsd()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { CostPerDayUsd = 10m, CostPerMonthUsd = 100m });

        ledger.Record(new UsageTally(0, 0, 0, 7.99m), T0).Should().BeEmpty();
        ledger.Record(new UsageTally(0, 0, 0, 0.01m), Seconds(1)).Should().ContainSingle()
            .Which.Should().Match<BudgetCrossing>(c => c.Limit == BudgetLimitKind.CostPerDay && c.Value == 8m && c.Threshold == 8m);
    }

    [Fact]
    public void BudgetLedger_CachedInput_CountsForCostButNotForTokenLimits()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });

        ledger.Record(new UsageTally(0, 1_000_000, 0, 0.3m), T0).Should().BeEmpty();

        ledger.Spend(T0).Today.CostUsd.Should().Be(0.3m);
    }

    [Fact]
    public void BudgetLedger_Velocity_IsTheAverageOverTheSpan()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerMinute = 1_000 });

        // 700 tokens a minute for 20 minutes never averages 800 over five.
        for (var minute = 0; minute < 20; minute++)
        {
            ledger.Record(Tokens(700), At(TimeSpan.FromMinutes(minute))).Should().BeEmpty();
        }

        ledger.Spend(At(TimeSpan.FromMinutes(19))).TokensPerMinute.Should().Be(700);
    }

    [Fact]
    public void BudgetLedger_Velocity_CrossesSoftAtFourFifthsAndHardAboveTheSpanTotal()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerMinute = 1_000 });

        ledger.Record(Tokens(3_999), T0).Should().BeEmpty();
        ledger.Record(Tokens(1), Seconds(1)).Should().ContainSingle()
            .Which.Should().Match<BudgetCrossing>(c => c.Limit == BudgetLimitKind.TokenVelocity && c.Value == 800m);
        ledger.Record(Tokens(1_000), Seconds(2)).Should().BeEmpty();
        ledger.Record(Tokens(1), Seconds(3)).Should().ContainSingle()
            .Which.Should().Match<BudgetCrossing>(c => c.Severity == BudgetSeverity.Hard && c.Value == 1_000.2m);
    }

    [Fact]
    public void BudgetLedger_Spawns_AreCountedOverTheLastHour()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { SpawnsPerHour = 5 });

        var crossings = Enumerable.Range(0, 6).Select(i => ledger.RecordSpawn(80_000, At(TimeSpan.FromMinutes(i)))).ToArray();

        crossings[..3].Should().AllSatisfy(c => c.Should().BeEmpty());
        crossings[3].Should().ContainSingle().Which.Should().Match<BudgetCrossing>(c => c.Severity == BudgetSeverity.Soft && c.Value == 4);
        crossings[4].Should().BeEmpty();
        crossings[5].Should().ContainSingle().Which.Should().Match<BudgetCrossing>(c => c.Severity == BudgetSeverity.Hard && c.Value == 6);
        ledger.Spend(At(TimeSpan.FromMinutes(60))).SpawnsLastHour.Should().Be(5);
        ledger.Spend(At(TimeSpan.FromMinutes(60))).Today.InputTokens.Should().Be(480_000);
    }

    [Fact]
    public void BudgetLedger_SetLimits_RearmsAlerts_AndAnswersWhatIsAlreadyCrossed()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });
        ledger.Record(Tokens(900), T0);

        var crossings = ledger.SetLimits(new BudgetLimits { TokensPerDay = 500 }, Seconds(1));

        crossings.Select(c => (c.Severity, c.IsNew)).Should().Equal((BudgetSeverity.Soft, true), (BudgetSeverity.Hard, true));
        ledger.Limits.TokensPerDay.Should().Be(500);
    }

    [Fact]
    public void BudgetLedger_Exceeded_ListsTheLimitsAboveTheirHardValue()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000, CostPerDayUsd = 100m });
        ledger.Record(new UsageTally(2_000, 0, 0, 1m), T0);

        ledger.Exceeded(Seconds(1)).Should().ContainSingle().Which.Limit.Should().Be(BudgetLimitKind.TokensPerDay);
        ledger.Exceeded(At(TimeSpan.FromDays(1))).Should().BeEmpty();
    }

    [Fact]
    public void BudgetLedger_TakesAnEarlierNow_AsTheLatestSeen()
    {
        var ledger = new BudgetLedger(Agent, new BudgetLimits { TokensPerDay = 1_000 });
        ledger.Record(Tokens(500), At(TimeSpan.FromDays(1)));

        ledger.Record(Tokens(500), T0);

        ledger.Spend(T0).Today.InputTokens.Should().Be(1_000);
    }

    [Fact]
    public void BudgetLedger_Record_AllocatesNothing_WhenNothingIsCrossed()
    {
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);
        ledger.Record(new UsageTally(100, 1_000, 50, 0.001m), T0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var crossings = 0;
        for (var i = 1; i <= 10_000; i++)
        {
            crossings += ledger.Record(new UsageTally(10, 1_000, 5, 0.0001m), T0 + TimeSpan.FromMilliseconds(100 * i)).Count;
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        crossings.Should().Be(0);
    }

    [Fact]
    public void BudgetLedger_Restore_FromJson_ContinuesExactlyLikeTheOriginal()
    {
        var limits = new BudgetLimits { TokensPerDay = 1_000_000, TokensPerMinute = 50_000, SpawnsPerHour = 10, CostPerMonthUsd = 5m };
        var ledger = new BudgetLedger(Agent, limits);
        for (var i = 0; i < 20; i++)
        {
            ledger.RecordSpawn(10_000, Seconds(i * 7));
            ledger.Record(new UsageTally(100, 5_000, 300, 0.2m), Seconds((i * 7) + 3));
        }

        var json = JsonSerializer.Serialize(ledger.ToSnapshot());
        var restored = BudgetLedger.Restore(
            JsonSerializer.Deserialize<BudgetLedgerSnapshot>(json) ?? throw new InvalidOperationException("The snapshot read back as null."));

        restored.ToSnapshot().Should().BeEquivalentTo(ledger.ToSnapshot());
        for (var i = 20; i < 40; i++)
        {
            var at = Seconds(i * 7);
            restored.RecordSpawn(10_000, at).Should().Equal(ledger.RecordSpawn(10_000, at));
            restored.Record(new UsageTally(100, 5_000, 300, 0.2m), at).Should().Equal(ledger.Record(new UsageTally(100, 5_000, 300, 0.2m), at));
        }

        restored.Spend(Seconds(300)).Should().Be(ledger.Spend(Seconds(300)));
    }

    [Fact]
    public void BudgetCrossing_Describe_NamesScopeLimitAndFigures()
    {
        var crossing = new BudgetCrossing(Agent, BudgetLimitKind.TokenVelocity, BudgetSeverity.Soft, 243_100, 240_000, 300_000, T0, true);

        crossing.Describe().Should().Be(
            "agent:gpu-box: token velocity 243,100 tokens/min reached the soft threshold 240,000 of the limit 300,000");
    }

    [Fact]
    public void BudgetLimits_Defaults_AreForAgentScopesOnly()
    {
        BudgetLimits.DefaultFor(BudgetScopeKind.Agent).Should().BeSameAs(BudgetLimits.AgentDefault);
        BudgetLimits.DefaultFor(BudgetScopeKind.Global).Should().Be(BudgetLimits.Unlimited);
        BudgetLimits.Unlimited.SoftFraction.Should().Be(0.8m);
        BudgetLimits.Unlimited.VelocitySpan.Should().Be(TimeSpan.FromMinutes(5));
        var negative = () => new BudgetLimits { TokensPerDay = 0 };
        var span = () => new BudgetLimits { VelocitySpan = TimeSpan.FromSeconds(30) };
        negative.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("TokensPerDay");
        span.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("VelocitySpan");
    }

    private static UsageTally Tokens(long input) => new(input, 0, 0, 0m);
}
