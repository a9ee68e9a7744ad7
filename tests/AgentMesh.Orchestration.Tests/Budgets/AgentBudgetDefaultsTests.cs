using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using Xunit.Abstractions;
using static AgentMesh.Orchestration.Tests.TestTime;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>
/// The agent-scope defaults against the field incident, a normal day and batch jobs, on the ledger
/// alone. docs/budgets.md explains the arithmetic these figures come from.
/// </summary>
public sealed class AgentBudgetDefaultsTests(ITestOutputHelper output)
{
    private static readonly BudgetScope Agent = BudgetScope.ForAgent(new AgentId("gpu-box"));
    private static readonly ModelKey Sonnet = ModelKey.Parse("anthropic/claude-sonnet-4");
    private static readonly ModelKey Gpt41 = ModelKey.Parse("openai/gpt-4.1");

    [Fact]
    public void AgentDefaults_StopTheOnboardingLoop_WithinThreeMinutes_BeforeFourMillionInputTokens()
    {
        // The incident: a fresh session loading 80K context tokens every ~10 s, each answering
        // with ~600 output tokens (and a little new input), for 15 hours.
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);
        BudgetCrossing? firstAlert = null;
        BudgetCrossing? hardStop = null;
        var spawns = 0;
        void Observe(IReadOnlyList<BudgetCrossing> crossings)
        {
            firstAlert ??= crossings.FirstOrDefault(c => c.IsNew);
            hardStop ??= crossings.FirstOrDefault(c => c.Severity == BudgetSeverity.Hard);
        }

        // A hard crossing suspends the agent, so nothing is recorded after it.
        for (var t = T0; t < At(TimeSpan.FromHours(15)) && hardStop is null; t += TimeSpan.FromSeconds(10))
        {
            spawns++;
            Observe(ledger.RecordSpawn(80_000, t));
            if (hardStop is null)
            {
                Observe(ledger.Record(Priced(Sonnet, input: 500, cached: 0, output: 600), t + TimeSpan.FromSeconds(5)));
            }
        }

        var inputAtStop = ledger.Spend(hardStop?.At ?? T0).Today.InputTokens;
        output.WriteLine($"first alert after {(firstAlert?.At - T0)?.TotalSeconds} s: {firstAlert?.Describe()}");
        output.WriteLine($"hard stop after {(hardStop?.At - T0)?.TotalSeconds} s, {spawns} spawns: {hardStop?.Describe()}");
        output.WriteLine($"input tokens at the hard stop: {inputAtStop:N0} (the incident burned ~400,000,000 in 15 h)");

        firstAlert.Should().NotBeNull();
        firstAlert!.At.Should().Be(Seconds(140), "the 15th spawn brings the 5-minute window to 1,215,400 tokens, past 1.2M");
        firstAlert.Limit.Should().Be(BudgetLimitKind.TokenVelocity);
        hardStop.Should().NotBeNull();
        hardStop!.At.Should().Be(Seconds(180), "the 19th spawn brings the window to 1,539,800 tokens, past 1.5M");
        hardStop.Limit.Should().Be(BudgetLimitKind.TokenVelocity);
        inputAtStop.Should().Be((19 * 80_000) + (18 * 500)).And.BeLessThan(4_000_000);
    }

    [Fact]
    public void AgentDefaults_StopTheLoop_BySpawnCount_WhenSessionsDoNotReportContextTokens()
    {
        // contextTokens is optional in hello and session-started; the spawn rate still catches the loop.
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);
        var crossings = new List<BudgetCrossing>();
        for (var i = 0; i < 30; i++)
        {
            crossings.AddRange(ledger.RecordSpawn(0, Seconds(i * 10)));
        }

        crossings.Select(c => (c.Limit, c.Severity, Seconds: (c.At - T0).TotalSeconds)).Should().StartWith(
            [(BudgetLimitKind.SpawnsPerHour, BudgetSeverity.Soft, 150), (BudgetLimitKind.SpawnsPerHour, BudgetSeverity.Hard, 200)]);
    }

    [Fact]
    public void AgentDefaults_LeaveANormalDayAlone()
    {
        // 20 sessions of 80K context, one every 30 minutes over 10 hours, each a burst of 30 quick
        // turns (one every 5 s) that re-read the context from the prompt cache.
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);
        var crossings = new List<BudgetCrossing>();
        var peakVelocity = 0m;
        for (var session = 0; session < 20; session++)
        {
            var start = At(TimeSpan.FromMinutes(30 * session));
            crossings.AddRange(ledger.RecordSpawn(80_000, start));
            for (var turn = 1; turn <= 30; turn++)
            {
                var at = start + TimeSpan.FromSeconds(5 * turn);
                crossings.AddRange(ledger.Record(Priced(Sonnet, input: 1_500, cached: 80_000, output: 600), at));
                peakVelocity = Math.Max(peakVelocity, ledger.Spend(at).TokensPerMinute);
            }
        }

        var day = ledger.Spend(At(TimeSpan.FromHours(10))).Today;
        output.WriteLine($"normal day: {day.MeteredTokens:N0} metered tokens, {day.CachedInputTokens:N0} cached, ${day.CostUsd:N2}, "
            + $"peak velocity {peakVelocity:N0} tokens/min");

        crossings.Should().BeEmpty();
        day.MeteredTokens.Should().Be(20 * (80_000 + (30 * 2_100)));
        day.CostUsd.Should().Be(20 * 30 * 0.0375m);
    }

    [Fact]
    public void AgentDefaults_LeaveATwoMinuteBatchJobAlone()
    {
        // 40 calls in 2 minutes of 20K fresh input and 1K output each: 840K tokens, 420K a minute.
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);

        var crossings = Enumerable.Range(0, 40)
            .SelectMany(i => ledger.Record(Priced(Gpt41, input: 20_000, cached: 0, output: 1_000), Seconds(i * 3)))
            .ToList();

        var spend = ledger.Spend(Seconds(117));
        output.WriteLine($"batch: {spend.Today.MeteredTokens:N0} tokens, ${spend.Today.CostUsd:N2}, velocity {spend.TokensPerMinute:N0} tokens/min over 5 min");
        crossings.Should().BeEmpty();
        spend.TokensPerMinute.Should().Be(168_000);
    }

    [Fact]
    public void AgentDefaults_TwoMinuteBatchOfExactlyTheSpanLimit_IsWarnedButNotStopped()
    {
        var ledger = new BudgetLedger(Agent, BudgetLimits.AgentDefault);

        var crossings = Enumerable.Range(0, 60)
            .SelectMany(i => ledger.Record(Priced(Gpt41, input: 24_000, cached: 0, output: 1_000), Seconds(i * 2)))
            .ToList();

        crossings.Should().ContainSingle().Which.Should().Match<BudgetCrossing>(
            c => c.Limit == BudgetLimitKind.TokenVelocity && c.Severity == BudgetSeverity.Soft);
        ledger.Spend(Seconds(118)).TokensPerMinute.Should().Be(300_000);
    }

    private static UsageTally Priced(ModelKey model, long input, long cached, long output)
    {
        PriceTable.Default.TryPrice(model, input, cached, output, out var usage).Should().BeTrue();
        return usage;
    }
}
