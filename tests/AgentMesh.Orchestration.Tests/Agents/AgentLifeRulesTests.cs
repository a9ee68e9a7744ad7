using AgentMesh.Actors.TestKit;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Agents;

/// <summary>One test per rule of DESIGN.md, "The agent's life", on a manual clock.</summary>
public sealed class AgentLifeRulesTests : IAsyncLifetime
{
    private AgentHarness _h = null!;

    public async Task InitializeAsync() => _h = await AgentHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Welcome_IsSentOnce_AndNotAgainWhenTheSameIncarnationReconnects()
    {
        var link = _h.NewLink();
        (await _h.HelloAsync("gpu-box", "inc-1", link)).State.Should().Be(AgentState.Onboarding);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();

        _h.LinkDown("gpu-box", link);
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = _h.NewLink();
        (await _h.HelloAsync("gpu-box", "inc-1", again)).State.Should().Be(AgentState.Onboarding);

        await again.ExpectNoMsgAsync();
        (await _h.ViewAsync("gpu-box")).Counters.WelcomesSent.Should().Be(1);
        _h.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));
        (await _h.ViewAsync("gpu-box")).State.Should().Be("ready");
    }

    [Fact]
    public async Task Welcome_ANewIncarnationGetsExactlyOne()
    {
        var first = _h.NewLink();
        await _h.HelloAsync("gpu-box", "inc-1", first);
        await first.ExpectMsgAsync<WelcomeFrame>();
        _h.LinkDown("gpu-box", first);
        _h.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = _h.NewLink();
        await _h.HelloAsync("gpu-box", "inc-2", second);

        await second.ExpectMsgAsync<WelcomeFrame>();
        await second.ExpectNoMsgAsync();
        var view = await _h.ViewAsync("gpu-box");
        view.Counters.WelcomesSent.Should().Be(2);
        view.Counters.Incarnations.Should().Be(2);
    }

    [Fact]
    public async Task Flapping_FourTransitionsWithinTwoMinutes_HoldsEverythingCostly_UntilStableForSixtySeconds()
    {
        // Up, down, up, down: four transitions within two minutes, before any welcome-ack.
        var link = _h.NewLink();
        await _h.HelloAsync("gpu-box", "inc-1", link);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        _h.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));
        _h.LinkDown("gpu-box", link);
        _h.Clock.Advance(TimeSpan.FromSeconds(20));
        link = _h.NewLink();
        await _h.HelloAsync("gpu-box", "inc-1", link);
        _h.LinkDown("gpu-box", link);
        await _h.SettleAsync("gpu-box");
        (await _h.ViewAsync("gpu-box")).State.Should().Be("flapping");

        // While flapping: messages wait, no session is spawned, no nudge, no welcome for a new incarnation.
        _h.Clock.Advance(TimeSpan.FromSeconds(20));
        link = _h.NewLink();
        (await _h.HelloAsync("gpu-box", "inc-2", link)).State.Should().Be(AgentState.Flapping);
        await _h.SendAcceptedAsync("gpu-box", "orchestrator", "work while flapping");
        await link.ExpectNoMsgAsync();
        _h.Count<SessionSpawned>().Should().Be(0);

        // 60 s without a transition ends it: the new incarnation gets its welcome, the message its session.
        await _h.Clock.WhenActiveTimersAtLeast(1).WaitAsync(AgentHarness.Timeout);
        _h.Clock.Advance(TimeSpan.FromSeconds(60));
        await link.ExpectMsgAsync<WelcomeFrame>();
        var delivered = await link.ExpectMsgAsync<DeliverFrame>();
        delivered.Body.GetString().Should().Be("work while flapping");
        (await _h.ViewAsync("gpu-box")).State.Should().Be("onboarding");
        await _h.SettleAsync("gpu-box");
        _h.Count<AlertRaised>(a => a.Kind == "agent-flapping").Should().Be(1);
    }

    [Fact]
    public async Task Inbox_IdsIncreaseByOne_AndARepeatWithinTheCooldownIsDroppedAndTheSenderTold()
    {
        await ConnectReadyAsync("gpu-box");

        (await _h.SendAcceptedAsync("gpu-box", "mac-mini", "one")).Should().Be(new MessageAccepted(1, false));
        (await _h.SendAcceptedAsync("gpu-box", "mac-mini", "two")).Should().Be(new MessageAccepted(2, false));
        _h.Clock.Advance(TimeSpan.FromMinutes(4));
        (await _h.SendAcceptedAsync("gpu-box", "mac-mini", "one")).Should().Be(new MessageAccepted(1, true));
        (await _h.SendAcceptedAsync("gpu-box", "someone-else", "one")).Should().Be(new MessageAccepted(3, false));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        (await _h.SendAcceptedAsync("gpu-box", "mac-mini", "one")).Should().Be(new MessageAccepted(4, false), "the cooldown (5 min) has passed");

        var view = await _h.ViewAsync("gpu-box");
        view.Counters.DuplicatesDropped.Should().Be(1);
        view.Counters.MessagesAccepted.Should().Be(4);
    }

    [Fact]
    public async Task Inbox_ABurstWrittenInOneGroupCommit_IsNumberedByOne_AndARepeatInsideTheBurstIsADuplicate()
    {
        // On SQLite, so that the accepts really are in flight together (pipelined) before any is durable.
        await using var sqlite = await AgentHarness.StartAsync(onSqlite: true);
        var link = sqlite.NewLink();
        await sqlite.HelloAsync("gpu-box", "inc-1", link);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        sqlite.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));

        var bodies = Enumerable.Range(1, 200).Select(i => i == 150 ? "message 17" : $"message {i}").ToArray();
        var replies = await Task.WhenAll(bodies.Select(body => sqlite.SendAsync("gpu-box", "mac-mini", body)));

        var accepted = replies.Cast<MessageAccepted>().ToArray();
        accepted.Where(a => !a.Duplicate).Select(a => a.MessageId).Should().BeEquivalentTo(Enumerable.Range(1, 199).Select(i => (long)i));
        accepted[149].Should().Be(new MessageAccepted(accepted[16].MessageId, Duplicate: true), "the repeat names the message it repeats, accepted earlier in the same burst");
        var view = await sqlite.ViewAsync("gpu-box");
        view.Counters.MessagesAccepted.Should().Be(199);
        view.Counters.DuplicatesDropped.Should().Be(1);

        await sqlite.RestartAsync();
        (await sqlite.SendAsync("gpu-box", "mac-mini", "message 199")).Should().Be(new MessageAccepted(accepted[198].MessageId, Duplicate: true), "the burst is durable, dedup included");
        (await sqlite.SendAsync("gpu-box", "mac-mini", "one more")).Should().Be(new MessageAccepted(200, Duplicate: false));
    }

    [Fact]
    public async Task Inbox_SenderIdempotencyKey_DropsARepeatWithADifferentBody()
    {
        await ConnectReadyAsync("gpu-box");

        (await _h.SendAsync("gpu-box", "mac-mini", "v1", idempotencyKey: "update-17")).Should().Be(new MessageAccepted(1, false));
        (await _h.SendAsync("gpu-box", "mac-mini", "v1 (edited)", idempotencyKey: "update-17")).Should().Be(new MessageAccepted(1, true));
    }

    [Fact]
    public async Task Sessions_AtMostOneActivePerKey_MessagesGoToTheActiveSession()
    {
        var link = await ConnectReadyAsync("gpu-box");

        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "a");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "b");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "other", sessionKey: "ops");

        var first = await link.ExpectMsgAsync<DeliverFrame>(predicate: d => d.MessageId == 1);
        var ops = await link.ExpectMsgAsync<DeliverFrame>(predicate: d => d.MessageId == 3);
        await link.ExpectNoMsgAsync();
        _h.Result("gpu-box", first, ok: true);
        var second = await link.ExpectMsgAsync<DeliverFrame>();

        second.MessageId.Should().Be(2);
        second.SessionId.Should().Be(first.SessionId, "one active session per key");
        ops.SessionId.Should().NotBe(first.SessionId);
        (await _h.ViewAsync("gpu-box")).Counters.SessionsSpawned.Should().Be(2);
    }

    [Fact]
    public async Task Sessions_SpawnsAreRateLimitedPerAgent_AndTheWaitingMessageGoesOutWhenAllowed()
    {
        var link = await ConnectReadyAsync("gpu-box");

        // Six spawns within ten minutes are allowed (the default); each session ends right after its message.
        for (var i = 0; i < 6; i++)
        {
            await _h.SendAcceptedAsync("gpu-box", "mac-mini", $"m{i}");
            var delivered = await link.ExpectMsgAsync<DeliverFrame>();
            _h.Result("gpu-box", delivered, ok: true);
            _h.Agents.Tell(new SessionEndedReport(new AgentId("gpu-box"), new SessionId(delivered.SessionId), "done"));
            _h.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "seventh");
        await link.ExpectNoMsgAsync();
        await _h.SettleAsync("gpu-box");
        _h.Count<SpawnThrottled>().Should().Be(1);

        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        (await link.ExpectMsgAsync<DeliverFrame>()).Body.GetString().Should().Be("seventh");
    }

    [Fact]
    public async Task Sessions_SpawnLimitHolds_WhenABacklogOfNewKeysIsPumpedAtOnce()
    {
        var link = await ConnectReadyAsync("gpu-box");
        for (var i = 0; i < 6; i++)
        {
            await _h.SendAcceptedAsync("gpu-box", "mac-mini", $"first {i}", sessionKey: $"first-{i}");
            await link.ExpectMsgAsync<DeliverFrame>();
        }

        // Ten more conversations start while the limit is reached: they all wait.
        for (var i = 0; i < 10; i++)
        {
            await _h.SendAcceptedAsync("gpu-box", "mac-mini", $"waiting {i}", sessionKey: $"waiting-{i}");
        }

        await link.ExpectNoMsgAsync();

        // The first six spawns leave the window together, and one pump sees all ten waiting keys.
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        await _h.SettleAsync("gpu-box");
        var delivered = await link.ReceiveWhileAsync<DeliverFrame>(m => m is DeliverFrame, TimeSpan.FromMilliseconds(200));

        delivered.Should().HaveCount(6, "six spawns per ten minutes, however many keys wait");
        (await _h.ViewAsync("gpu-box")).Counters.SessionsSpawned.Should().Be(12);
    }

    [Fact]
    public async Task FailedRun_KeepsItsSession()
    {
        var link = await ConnectReadyAsync("gpu-box");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "a");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "b");
        var first = await link.ExpectMsgAsync<DeliverFrame>();

        _h.Result("gpu-box", first, ok: false, retryable: false, error: "HTTP 400");

        var second = await link.ExpectMsgAsync<DeliverFrame>();
        second.SessionId.Should().Be(first.SessionId);
        (await _h.ViewAsync("gpu-box")).Counters.SessionsSpawned.Should().Be(1);
    }

    [Fact]
    public async Task RetryableFailures_BackOffExponentially_InTheSameSession()
    {
        var link = await ConnectReadyAsync("gpu-box");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "flaky");
        var delivered = await link.ExpectMsgAsync<DeliverFrame>();

        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _h.Result("gpu-box", delivered, ok: false, retryable: true, error: "HTTP 503");
            await _h.SettleAsync("gpu-box");
            var waited = TimeSpan.Zero;
            DeliverFrame? again = null;
            while (again is null)
            {
                await _h.Clock.WhenActiveTimersAtLeast(1).WaitAsync(AgentHarness.Timeout);
                _h.Clock.Advance(TimeSpan.FromMilliseconds(100));
                waited += TimeSpan.FromMilliseconds(100);
                again = await TryReceive<DeliverFrame>(link);
                waited.Should().BeLessThan(TimeSpan.FromSeconds(10), "the retry should have come by now");
            }

            again.MessageId.Should().Be(delivered.MessageId);
            again.SessionId.Should().Be(delivered.SessionId);
            delays.Add(waited);
            delivered = again;
        }

        // 1 s doubling, up to 20% jitter taken off (never below 1 s); the clock moves in 100 ms steps.
        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1.1));
        delays[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.6)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2.1));
        delays[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3.2)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(4.1));
        (await _h.ViewAsync("gpu-box")).Counters.SessionsSpawned.Should().Be(1);
    }

    [Fact]
    public async Task ThreeNonRetryableFailures_OpenTheCircuit_LaterMessagesAreRefused_UntilReset()
    {
        var link = await ConnectReadyAsync("gpu-box");
        for (var i = 0; i < 3; i++)
        {
            await _h.SendAcceptedAsync("gpu-box", "mac-mini", $"m{i}");
            _h.Result("gpu-box", await link.ExpectMsgAsync<DeliverFrame>(), ok: false, error: "HTTP 400");
        }

        await _h.SettleAsync("gpu-box");
        var refused = await _h.SendAsync("gpu-box", "mac-mini", "m3");
        refused.Should().BeOfType<MessageRefused>().Which.Reason.Should().Be("circuit-open");
        (await _h.ViewAsync("gpu-box")).Circuits.Single().State.Should().Be("open");
        _h.Count<AlertRaised>(a => a.Kind == "circuit-open").Should().Be(1);

        await _h.TellAndAskAsync(new ResetAgent(new AgentId("gpu-box")));
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "after reset");
        var delivered = await link.ExpectMsgAsync<DeliverFrame>();
        delivered.Body.GetString().Should().Be("after reset");
        (await _h.ViewAsync("gpu-box")).Counters.SessionsSpawned.Should().Be(1, "the failed runs kept their session");
    }

    [Fact]
    public async Task ASuccess_SetsTheFailureCountBackToZero()
    {
        var link = await ConnectReadyAsync("gpu-box");
        foreach (var ok in new[] { false, false, true, false, false })
        {
            await _h.SendAcceptedAsync("gpu-box", "mac-mini", Guid.NewGuid().ToString());
            _h.Result("gpu-box", await link.ExpectMsgAsync<DeliverFrame>(), ok, error: ok ? null : "HTTP 400");
        }

        await _h.SettleAsync("gpu-box");
        (await _h.SendAsync("gpu-box", "mac-mini", "still open for business")).Should().BeOfType<MessageAccepted>();
        (await _h.ViewAsync("gpu-box")).Counters.ConsecutiveFailures.Should().Be(2);
    }

    [Fact]
    public async Task Watch_NudgesOnlyWhenAStrictlyNewerMessageExists()
    {
        var link = await ConnectReadyAsync("poller", poll: true);

        _h.Clock.Advance(TimeSpan.FromMinutes(30));
        await _h.SettleAsync("poller");
        await link.ExpectNoMsgAsync();

        await _h.SendAcceptedAsync("poller", "mac-mini", "new work");
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        (await link.ExpectMsgAsync<NudgeFrame>()).Should().Be(new NudgeFrame(1));
        _h.Clock.Advance(TimeSpan.FromMinutes(50));
        await _h.SettleAsync("poller");
        await link.ExpectNoMsgAsync();
        (await _h.ViewAsync("poller")).Counters.NudgesSent.Should().Be(1);
    }

    [Fact]
    public async Task Fetch_DeliversWaitingMessagesAfterTheGivenId()
    {
        var link = await ConnectReadyAsync("poller", poll: true);
        await _h.SendAcceptedAsync("poller", "mac-mini", "one");
        await _h.SendAcceptedAsync("poller", "mac-mini", "two", sessionKey: "other");
        await link.ExpectNoMsgAsync();

        _h.Agents.Tell(new FetchRequest(new AgentId("poller"), After: 1, Limit: 10));

        (await link.ExpectMsgAsync<DeliverFrame>()).MessageId.Should().Be(2);
        await link.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task Suspension_StopsSessions_HoldsTheInbox_RefusesItsSends_AndOnlyResumeLiftsIt()
    {
        var link = await ConnectReadyAsync("gpu-box");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "running");
        var running = await link.ExpectMsgAsync<DeliverFrame>();

        await _h.TellAndAskAsync(new SuspendAgent(new AgentId("gpu-box"), "runaway"));

        (await link.ExpectMsgAsync<StopSessionFrame>()).Should().Be(new StopSessionFrame(running.SessionId, "operator"));
        (await link.ExpectMsgAsync<SuspendedFrame>()).Reason.Should().Be("runaway");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "held");
        await link.ExpectNoMsgAsync();
        var refused = await _h.TellAndAskAsync(new SendFromAgent(new AgentId("gpu-box"), "mac-mini", System.Text.Json.JsonSerializer.SerializeToElement("hi"), SessionKey.Default, MessageKind.Message));
        refused.Should().BeOfType<MessageRefused>().Which.Reason.Should().Be("suspended");

        _h.LinkDown("gpu-box", link);
        link = _h.NewLink();
        (await _h.HelloAsync("gpu-box", "inc-1", link)).State.Should().Be(AgentState.Suspended);
        await link.ExpectMsgAsync<SuspendedFrame>();

        await _h.TellAndAskAsync(new ResumeAgent(new AgentId("gpu-box")));
        await link.ExpectMsgAsync<ResumedFrame>();
        var redelivered = await link.ExpectMsgAsync<DeliverFrame>();
        redelivered.MessageId.Should().Be(running.MessageId, "the interrupted message was never finished");
        redelivered.SessionId.Should().NotBe(running.SessionId);
    }

    [Fact]
    public async Task OnboardingMaterial_ToAnIncarnationThatHadItsWelcome_IsDroppedAsADuplicate()
    {
        await ConnectReadyAsync("gpu-box");

        var reply = await _h.SendAsync("gpu-box", "mac-mini", "WELCOME + docs", kind: MessageKind.Onboarding);

        reply.Should().Be(new MessageAccepted(0, true));
        (await _h.ViewAsync("gpu-box")).Counters.MessagesAccepted.Should().Be(0);
    }

    [Fact]
    public async Task IdleSession_IsEndedWithStopSessionIdle_AfterThePolicysTimeout()
    {
        var link = await ConnectReadyAsync("gpu-box");
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "one");
        var delivered = await link.ExpectMsgAsync<DeliverFrame>();
        _h.Result("gpu-box", delivered, ok: true);
        await _h.SettleAsync("gpu-box");

        // The session's idle clock restarts when its actor handles the delivery's activity notice,
        // which may happen just after this point; a second 30 minutes covers that without sleeping.
        _h.Clock.Advance(TimeSpan.FromMinutes(30));
        var stop = await TryReceive<StopSessionFrame>(link);
        if (stop is null)
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(30));
            stop = await link.ExpectMsgAsync<StopSessionFrame>();
        }

        stop.Should().Be(new StopSessionFrame(delivered.SessionId, "idle"));
        (await _h.ViewAsync("gpu-box")).Sessions.Should().BeEmpty();
    }

    [Fact]
    public async Task MessagesForAnAgentNeverSeen_AreRefusedAsUnknownRecipient()
    {
        var reply = await _h.SendAsync("nobody-here", "mac-mini", "hello?");

        reply.Should().BeOfType<MessageRefused>().Which.Reason.Should().Be("unknown-recipient");
        (await _h.TellAndAskAsync(new GetAgentView(new AgentId("nobody-here")))).Should().BeOfType<AgentUnknown>();
    }

    [Fact]
    public async Task SecondConnection_ReplacesTheFirst()
    {
        var first = await ConnectReadyAsync("gpu-box");
        var second = _h.NewLink();

        await _h.HelloAsync("gpu-box", "inc-1", second);

        await first.ExpectMsgAsync<LinkReplacedFrame>();
        await _h.SendAcceptedAsync("gpu-box", "mac-mini", "to the new link");
        await second.ExpectMsgAsync<DeliverFrame>();
    }

    private async Task<TestProbe> ConnectReadyAsync(string agent, bool poll = false)
    {
        var link = _h.NewLink();
        await _h.HelloAsync(agent, "inc-1", link, poll ? new Dictionary<string, string> { ["delivery"] = "poll" } : null);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        _h.Agents.Tell(new WelcomeAcknowledged(new AgentId(agent), welcome.WelcomeId));
        await _h.SettleAsync(agent);
        return link;
    }

    private static async Task<T?> TryReceive<T>(TestProbe probe)
        where T : class
    {
        try
        {
            return await probe.ExpectMsgAsync<T>(TimeSpan.FromMilliseconds(50));
        }
        catch (TestKitAssertionException)
        {
            return null;
        }
    }
}
