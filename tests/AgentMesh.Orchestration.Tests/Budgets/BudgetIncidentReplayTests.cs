using System.Text.Json;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;
using Xunit.Abstractions;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>
/// The field's traffic replayed through the real agent actor and the real budget actors together,
/// with the default budget limits: the overnight incident is stopped, a normal day and a batch job
/// are not. The fake agent behind the link probe ends its session after every result, so every
/// message is a fresh session, as in the field.
/// </summary>
public sealed class BudgetIncidentReplayTests(ITestOutputHelper output)
{
    private const string Agent = "incident-box";
    private const string AgentScope = "agent:" + Agent;
    private static readonly AgentId AgentKey = new(Agent);
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Incident_IsAlertedWithinFiveMinutes_AndSuspendedBeforeOnePercentOfItsTokens()
    {
        // The spawn limiter (6 per 10 minutes) would cut the loop first; it is raised so that the budget alone is tested.
        await using var h = await BudgetHarness.StartAsync(withAgents: true, agents: WithMaxSpawns(1_000));
        var link = await ConnectAsync(h);
        var start = h.Now;
        var sessions = 0;
        BudgetView budget;
        do
        {
            // Every ~10 s a message arrives, and the agent answers it in a fresh 80K-token session.
            await SendAsync(h, $"ping {sessions}");
            var delivered = await link.ExpectMsgAsync<DeliverFrame>(BudgetHarness.AskTimeout);
            sessions++;
            RunSession(h, delivered, contextTokens: 80_000, turns: [new Turn("anthropic", "claude-sonnet-4", 500, 0, 600)]);
            budget = await SettleAsync(h);
            if (budget.Exceeded.Count == 0)
            {
                h.Clock.Advance(Cycle);
            }
        }
        while (budget.Exceeded.Count == 0 && h.Now - start < TimeSpan.FromHours(15));

        // The suspension reaches the agent before it would start its next session.
        var suspended = await link.FishForMessageAsync<SuspendedFrame>(_ => true, BudgetHarness.AskTimeout);
        (await h.Agents.Ask<AgentView>(new GetAgentView(AgentKey), BudgetHarness.AskTimeout)).State.Should().Be("suspended");
        await h.FlushEventsAsync();
        var alerts = h.Logged<AlertRaised>();
        var firstAlert = alerts[0];
        var hard = alerts.Single(a => a.Kind == BudgetActor.HardLimitAlert);
        var inputAtStop = budget.Spend.Today.InputTokens;

        output.WriteLine($"sessions: {sessions}, one every {Cycle.TotalSeconds:0} s, each 80,000 context + 500 input + 600 output tokens (claude-sonnet-4)");
        output.WriteLine($"first alert after {(firstAlert.At - start).TotalSeconds:0} s: [{firstAlert.Severity}] {firstAlert.Scope} {firstAlert.Kind}: {firstAlert.Message}");
        output.WriteLine($"stopped after {(hard.At - start).TotalSeconds:0} s by the budget of {hard.Scope} ({string.Join(", ", budget.Exceeded)}): {hard.Message}");
        output.WriteLine($"the agent got: suspended \"{suspended.Reason}\"; spawn limiter throttled {h.Logged<SpawnThrottled>().Count} time(s)");
        output.WriteLine($"input tokens when stopped: {inputAtStop:N0} = {inputAtStop / 400_000_000m:P2} of the incident's 400M; cost ${budget.Spend.Today.CostUsd:0.00}");
        output.WriteLine($"alerts: {string.Join("; ", alerts.Select(a => $"{(a.At - start).TotalSeconds:0} s {a.Severity} {a.Scope} {a.Kind}"))}");

        (firstAlert.At - start).Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
        firstAlert.Kind.Should().Be(BudgetActor.SoftLimitAlert);
        hard.Scope.Should().Be(AgentScope);
        budget.Exceeded.Should().Equal(BudgetLimitKind.TokenVelocity);
        inputAtStop.Should().BeLessThan(4_000_000, "1% of the incident's 400M input tokens");
        inputAtStop.Should().Be((19 * 80_000) + (18 * 500) + 500, "the 19th session's spawn crossed the velocity limit; its one turn was reported with it");
        suspended.Reason.Should().StartWith("budget agent:incident-box: token velocity");
        h.Logged<SpawnThrottled>().Should().BeEmpty();
        alerts.Should().Contain(a => a.Kind == "agent-suspended" && a.Severity == AlertSeverity.Critical);
    }

    [Fact]
    public async Task Incident_WithTheDefaultSpawnLimiter_IsThrottledFirst_AndStoppedByTheSpawnBudget()
    {
        await using var h = await BudgetHarness.StartAsync(withAgents: true);
        var link = await ConnectAsync(h);
        var start = h.Now;
        var sessions = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        BudgetView budget;
        do
        {
            await SendAsync(h, $"ping {h.Now - start}");
            await SettleAsync(h);
            foreach (var delivered in await link.ReceiveWhileAsync<DeliverFrame>(m => m is DeliverFrame, TimeSpan.FromMilliseconds(1)))
            {
                // Messages that waited for the limiter collapse into the session that opens: one load for several.
                var fresh = seen.Add(delivered.SessionId);
                sessions += fresh ? 1 : 0;
                RunSession(h, delivered, contextTokens: 80_000, turns: [new Turn("anthropic", "claude-sonnet-4", 500, 0, 600)], fresh: fresh);
            }

            budget = await SettleAsync(h);
            if (budget.Exceeded.Count == 0)
            {
                h.Clock.Advance(Cycle);
            }
        }
        while (budget.Exceeded.Count == 0 && h.Now - start < TimeSpan.FromHours(15));

        await link.FishForMessageAsync<SuspendedFrame>(_ => true, BudgetHarness.AskTimeout);
        await h.FlushEventsAsync();
        var alerts = h.Logged<AlertRaised>();
        var hard = alerts.Single(a => a.Kind == BudgetActor.HardLimitAlert);
        output.WriteLine($"first alert after {(alerts[0].At - start).TotalSeconds:0} s: [{alerts[0].Severity}] {alerts[0].Kind}: {alerts[0].Message}");
        output.WriteLine($"{sessions} sessions in {(hard.At - start).TotalMinutes:0.#} min; stopped by the budget of {hard.Scope} ({string.Join(", ", budget.Exceeded)}): {hard.Message}");
        output.WriteLine($"input tokens when stopped: {budget.Spend.Today.InputTokens:N0}; spawn limiter throttled {h.Logged<SpawnThrottled>().Count} time(s)");

        alerts[0].Kind.Should().Be("spawn-throttled");
        (alerts[0].At - start).Should().BeLessThan(TimeSpan.FromMinutes(5));
        budget.Exceeded.Should().Equal(BudgetLimitKind.SpawnsPerHour);
        sessions.Should().Be(21);
        h.Logged<SessionSpawned>().Should().HaveCount(21);
        budget.Spend.Today.InputTokens.Should().BeLessThan(4_000_000);
    }

    [Fact]
    public async Task NormalDay_TwentySessionsOverTenHours_RaisesNothing()
    {
        await using var h = await BudgetHarness.StartAsync(withAgents: true);
        var link = await ConnectAsync(h);
        var start = h.Now;
        for (var session = 0; session < 20; session++)
        {
            await SendAsync(h, $"task {session}");
            var delivered = await link.FishForMessageAsync<DeliverFrame>(_ => true, BudgetHarness.AskTimeout);

            // A burst of 30 quick turns, one every 5 s, re-reading the 80K context from the cache.
            RunSession(h, delivered, contextTokens: 80_000, turns: [.. Enumerable.Repeat(new Turn("anthropic", "claude-sonnet-4", 1_500, 80_000, 600), 30)], turnEvery: TimeSpan.FromSeconds(5));
            await SettleAsync(h);
            h.Clock.AdvanceTo(start + (TimeSpan.FromMinutes(30) * (session + 1)));
        }

        var budget = await SettleAsync(h);
        await h.FlushEventsAsync();
        output.WriteLine($"normal day: {budget.Spend.Today.MeteredTokens:N0} metered tokens, {budget.Spend.Today.CachedInputTokens:N0} cached, ${budget.Spend.Today.CostUsd:0.00}; alerts: {h.Logged<AlertRaised>().Count}");

        h.Logged<AlertRaised>().Should().BeEmpty();
        (await h.Agents.Ask<AgentView>(new GetAgentView(AgentKey), BudgetHarness.AskTimeout)).State.Should().Be("ready");
        budget.Spend.Today.MeteredTokens.Should().Be(20 * (80_000 + (30 * 2_100)));
        (await link.ReceiveWhileAsync<INodeFrame>(_ => true, TimeSpan.FromMilliseconds(1))).Should().NotContain(f => f is SuspendedFrame);
    }

    [Fact]
    public async Task BatchJob_TwoMinutesOfHighVelocity_RaisesNothing()
    {
        await using var h = await BudgetHarness.StartAsync(withAgents: true);
        var link = await ConnectAsync(h);
        await SendAsync(h, "summarise the archive");
        var delivered = await link.ExpectMsgAsync<DeliverFrame>(BudgetHarness.AskTimeout);

        // 40 calls in 2 minutes of 20,000 input and 1,000 output tokens: 420,000 tokens a minute while it runs.
        RunSession(h, delivered, contextTokens: 0, turns: [.. Enumerable.Repeat(new Turn("openai", "gpt-4.1", 20_000, 0, 1_000), 40)], turnEvery: TimeSpan.FromSeconds(3));
        var budget = await SettleAsync(h);
        await h.FlushEventsAsync();
        output.WriteLine($"batch job: {budget.Spend.Today.MeteredTokens:N0} tokens in 2 min, {budget.Spend.TokensPerMinute:N0} tokens/min over 5 min, ${budget.Spend.Today.CostUsd:0.00}");

        budget.Exceeded.Should().BeEmpty();
        h.Logged<AlertRaised>().Should().BeEmpty();
        (await h.Agents.Ask<AgentView>(new GetAgentView(AgentKey), BudgetHarness.AskTimeout)).State.Should().Be("ready");
    }

    private static Func<AgentEnvironment, AgentEnvironment> WithMaxSpawns(int maxSpawns) =>
        e => e with { Policies = new AgentPolicies { Defaults = new AgentPolicy { Session = new SessionPolicy { MaxSpawns = maxSpawns } } } };

    private static async Task<TestProbe> ConnectAsync(BudgetHarness h)
    {
        var link = h.Kit.CreateProbe("link");
        h.Agents.Tell(new AgentHello(AgentKey, new Incarnation("inc-1"), link, 80_000));
        await link.ExpectMsgAsync<HelloOkFrame>(BudgetHarness.AskTimeout);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>(BudgetHarness.AskTimeout);
        h.Agents.Tell(new WelcomeAcknowledged(AgentKey, welcome.WelcomeId));
        return link;
    }

    private static async Task SendAsync(BudgetHarness h, string body)
    {
        var reply = await h.Agents.Ask<object>(
            new AcceptMessage(AgentKey, "orchestrator", JsonSerializer.SerializeToElement(body), new SessionKey("default")), BudgetHarness.AskTimeout);
        reply.Should().BeOfType<MessageAccepted>();
    }

    /// <summary>
    /// What the fake agent does with a delivery: loads the session if it is <paramref name="fresh"/>,
    /// runs its turns, answers, and ends the session.
    /// </summary>
    private static void RunSession(BudgetHarness h, DeliverFrame delivered, long contextTokens, IReadOnlyList<Turn> turns, TimeSpan? turnEvery = null, bool fresh = true)
    {
        var session = new SessionId(delivered.SessionId);
        if (fresh)
        {
            h.Agents.Tell(new SessionStartedReport(AgentKey, session, contextTokens));
        }

        for (var i = 0; i < turns.Count; i++)
        {
            if (i > 0 && turnEvery is { } every)
            {
                h.Clock.Advance(every);
            }

            var turn = turns[i];
            h.Agents.Tell(new UsageReport(AgentKey, session, turn.Provider, turn.Model, turn.Input, turn.Cached, turn.Output));
        }

        h.Agents.Tell(new RunResultReport(AgentKey, session, delivered.MessageId, true, false, null));
        h.Agents.Tell(new SessionEndedReport(AgentKey, session, "done"));
    }

    /// <summary>
    /// Waits until the agent has handled everything told so far (and so reported it to the budgets),
    /// then until the agent's budget has tallied it; answers that budget.
    /// </summary>
    private static async Task<BudgetView> SettleAsync(BudgetHarness h)
    {
        await h.Agents.Ask<AgentView>(new GetAgentView(AgentKey), BudgetHarness.AskTimeout);
        return await h.ViewAsync(AgentScope);
    }

    private sealed record Turn(string Provider, string Model, long Input, long Cached, long Output);
}
