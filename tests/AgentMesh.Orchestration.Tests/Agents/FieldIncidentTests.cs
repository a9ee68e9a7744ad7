using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;
using Xunit.Abstractions;

namespace AgentMesh.Orchestration.Tests.Agents;

/// <summary>The three field incidents of DESIGN.md as scenarios with exact counts, on a manual clock.</summary>
public sealed class FieldIncidentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OnboardingLoop_FlappingAgentReDiscoveredFor15Hours_GetsOneWelcome_RepeatsDropped_AtMostOneSession()
    {
        await using var h = await AgentHarness.StartAsync();
        var random = new Random(1);
        var link = h.NewLink("gpu-box-link");
        var end = h.Clock.GetUtcNow() + TimeSpan.FromHours(15);
        var reconnects = 0;
        var onboardingSends = 0;
        var dropped = 0;
        var welcomes = 0;

        while (h.Clock.GetUtcNow() < end)
        {
            // The flaky link comes back (same process, same incarnation) and the orchestrator "re-discovers" the
            // agent: it sends the same WELCOME + docs payload again, as the field's bridge did.
            await h.HelloAsync("gpu-box", "incarnation-1", link);
            reconnects++;
            var reply = await h.SendAsync("gpu-box", "orchestrator", "WELCOME to the fleet. Read docs/onboarding.md (80K tokens of context).", kind: MessageKind.Onboarding);
            onboardingSends++;
            if (reply is MessageAccepted { Duplicate: true })
            {
                dropped++;
            }

            foreach (var frame in await link.ReceiveWhileAsync<INodeFrame>(_ => true, TimeSpan.FromMilliseconds(1)))
            {
                if (frame is WelcomeFrame welcome)
                {
                    welcomes++;
                    h.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));
                }
            }

            h.Clock.Advance(TimeSpan.FromSeconds(5));
            h.LinkDown("gpu-box", link);
            h.Clock.Advance(TimeSpan.FromSeconds(random.Next(55, 86)));
        }

        await h.SettleAsync("gpu-box");
        var view = await h.ViewAsync("gpu-box");
        output.WriteLine($"15 h: {reconnects} reconnects, {onboardingSends} onboarding re-sends, {dropped} dropped as duplicates, " +
            $"{welcomes} welcome(s), {view.Counters.SessionsSpawned} session(s), {view.Counters.LinkTransitions} link transitions, " +
            $"flapping alerts: {h.Count<AlertRaised>(a => a.Kind == "agent-flapping")}");

        reconnects.Should().BeGreaterThan(600);
        welcomes.Should().Be(1);
        view.Counters.WelcomesSent.Should().Be(1);
        dropped.Should().Be(onboardingSends, "every re-sent onboarding payload repeats the welcome this incarnation already had");
        view.Counters.SessionsSpawned.Should().BeLessThanOrEqualTo(1);
        view.Counters.MessagesAccepted.Should().Be(0);
        h.Count<AlertRaised>(a => a.Kind == "agent-flapping").Should().BeInRange(1, 15, "flapping is alerted at once, then at most hourly");
    }

    [Fact]
    public async Task RestartLoop_EveryRunFailsNonRetryably_For5Hours_ExactlyThreeRuns_ThenCircuitOpen_NoNewSession_ServiceAfterReset()
    {
        await using var h = await AgentHarness.StartAsync();
        var link = h.NewLink();
        await h.HelloAsync("gpu-box", "incarnation-1", link);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        h.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));
        var random = new Random(2);
        var end = h.Clock.GetUtcNow() + TimeSpan.FromHours(5);
        var sent = 0;
        var runs = 0;
        var refused = 0;
        var sessions = new HashSet<string>();

        while (h.Clock.GetUtcNow() < end)
        {
            var reply = await h.SendAsync("gpu-box", "mac-mini", $"message {sent++}");
            if (reply is MessageRefused { Reason: "circuit-open" })
            {
                refused++;
            }

            foreach (var frame in await link.ReceiveWhileAsync<INodeFrame>(_ => true, TimeSpan.FromMilliseconds(1)))
            {
                if (frame is DeliverFrame delivered)
                {
                    runs++;
                    sessions.Add(delivered.SessionId);

                    // HTTP 400 from the model, and the fallback fails too: non-retryable.
                    h.Result("gpu-box", delivered, ok: false, retryable: false, error: "HTTP 400: invalid request; fallback failed");
                }
            }

            await h.SettleAsync("gpu-box");
            h.Clock.Advance(TimeSpan.FromSeconds(random.Next(30, 61)));
        }

        var during = await h.ViewAsync("gpu-box");
        output.WriteLine($"5 h: {sent} messages, {runs} runs, {refused} refused with circuit-open, {sessions.Count} session(s) initialised");
        runs.Should().Be(3);
        refused.Should().Be(sent - 3);
        sessions.Should().HaveCount(1);
        during.Counters.SessionsSpawned.Should().Be(1);

        await h.TellAndAskAsync(new ResetAgent(new AgentId("gpu-box")));
        (await h.SendAsync("gpu-box", "mac-mini", "after the fix")).Should().BeOfType<MessageAccepted>();
        var served = await link.FishForMessageAsync<DeliverFrame>(_ => true);
        h.Result("gpu-box", served, ok: true);
        await h.SettleAsync("gpu-box");
        (await h.ViewAsync("gpu-box")).Counters.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task SuperlinearNudge_EmptyTicksCostNothing_NewMessageOneNudge_UnreadBroadcastNeverTwice()
    {
        await using var h = await AgentHarness.StartAsync();
        var link = h.NewLink();
        await h.HelloAsync("watcher", "incarnation-1", link, new Dictionary<string, string> { ["delivery"] = "poll" });
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        h.Agents.Tell(new WelcomeAcknowledged(new AgentId("watcher"), welcome.WelcomeId));

        for (var tick = 0; tick < 45; tick++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            await h.SettleAsync("watcher");
        }

        h.Count<NudgeSent>().Should().Be(0, "45 ticks on an empty channel are 45 cheap reads, not 45 model calls");

        await h.SendAcceptedAsync("watcher", "mac-mini", "one new message");
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        (await link.ExpectMsgAsync<NudgeFrame>()).PendingUpTo.Should().Be(1);

        await h.SendAcceptedAsync("watcher", "room:design", "a broadcast nobody owns", kind: MessageKind.Broadcast);
        for (var tick = 0; tick < 20; tick++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            await h.SettleAsync("watcher");
        }

        var nudges = await link.ReceiveWhileAsync<NudgeFrame>(m => m is NudgeFrame, TimeSpan.FromMilliseconds(100));
        nudges.Should().Equal(new NudgeFrame(2));
        (await h.ViewAsync("watcher")).Counters.NudgesSent.Should().Be(2);
        output.WriteLine($"65 ticks: {h.Count<NudgeSent>()} nudges (one per new message id), 0 model calls on idle ticks");
    }

    [Fact]
    public async Task SuperlinearNudge_InboxReadFailing_DegradesToBoundedBlindNudges_AndOneAlert()
    {
        await using var h = await AgentHarness.StartAsync(configure: e => e with { InboxReader = new FailingInbox() });
        var link = h.NewLink();
        await h.HelloAsync("watcher", "incarnation-1", link, new Dictionary<string, string> { ["delivery"] = "poll" });
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        h.Agents.Tell(new WelcomeAcknowledged(new AgentId("watcher"), welcome.WelcomeId));

        for (var tick = 0; tick < 45; tick++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            await h.SettleAsync("watcher");
        }

        await h.SettleAsync("watcher");
        var degraded = h.Count<NudgeSent>(n => n.Degraded);
        output.WriteLine($"45 failing reads: {degraded} blind nudges, {h.Count<AlertRaised>(a => a.Kind == "inbox-unreadable")} alert(s)");
        degraded.Should().BeInRange(3, 8, "at most one per tick, backing off (1, 2, 4, 8, ... failures, gap capped at 2 h)");
        h.Count<AlertRaised>(a => a.Kind == "inbox-unreadable").Should().Be(1);
    }

    /// <summary>An inbox whose reads always fail, like an external channel that is down.</summary>
    private sealed class FailingInbox : IInboxHighWaterReader
    {
        public Task<long> ReadHighestAsync(AgentId agent, long localHighest, CancellationToken cancellationToken) =>
            Task.FromException<long>(new IOException("channel API returned 503"));
    }
}
