using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Agents;

/// <summary>The node stops mid-scenario and a new one starts on the same SQLite file and clock.</summary>
public sealed class RestartDurabilityTests
{
    [Fact]
    public async Task AfterANodeRestart_NoSecondWelcome_CircuitsAndDedupHold_CompletedMessagesAreNotRedelivered()
    {
        await using var h = await AgentHarness.StartAsync(onSqlite: true);
        var link = h.NewLink();
        await h.HelloAsync("gpu-box", "inc-1", link);
        var welcome = await link.ExpectMsgAsync<WelcomeFrame>();
        h.Agents.Tell(new WelcomeAcknowledged(new AgentId("gpu-box"), welcome.WelcomeId));
        await h.SendAcceptedAsync("gpu-box", "mac-mini", "done before the restart");
        h.Result("gpu-box", await link.ExpectMsgAsync<DeliverFrame>(), ok: true);
        for (var i = 0; i < 3; i++)
        {
            await h.SendAcceptedAsync("gpu-box", "mac-mini", $"broken {i}", sessionKey: "ops");
            h.Result("gpu-box", await link.ExpectMsgAsync<DeliverFrame>(), ok: false, error: "HTTP 400");
        }

        await h.SendAcceptedAsync("gpu-box", "mac-mini", "running at the restart");
        var running = await link.ExpectMsgAsync<DeliverFrame>();
        await h.SettleAsync("gpu-box");

        await h.RestartAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = h.NewLink();
        (await h.HelloAsync("gpu-box", "inc-1", after)).State.Should().Be(AgentState.Ready);

        var redelivered = await after.ExpectMsgAsync<DeliverFrame>();
        redelivered.MessageId.Should().Be(running.MessageId, "it had no result; the completed one is not sent again");
        await after.ExpectNoMsgAsync();
        (await h.SendAsync("gpu-box", "mac-mini", "broken 3", sessionKey: "ops")).Should().BeOfType<MessageRefused>()
            .Which.Reason.Should().Be("circuit-open");
        (await h.SendAsync("gpu-box", "mac-mini", "done before the restart")).Should().Be(new MessageAccepted(1, true));
        var view = await h.ViewAsync("gpu-box");
        view.Counters.WelcomesSent.Should().Be(1);
        view.Counters.MessagesAccepted.Should().Be(5);
    }

    [Fact]
    public async Task Suspension_SurvivesANodeRestart_UntilResumed()
    {
        await using var h = await AgentHarness.StartAsync(onSqlite: true);
        var link = h.NewLink();
        await h.HelloAsync("gpu-box", "inc-1", link);
        await h.TellAndAskAsync(new SuspendAgent(new AgentId("gpu-box"), "operator stop: looping"));
        await h.SendAcceptedAsync("gpu-box", "mac-mini", "held in the inbox");

        await h.RestartAsync();
        var after = h.NewLink();

        (await h.HelloAsync("gpu-box", "inc-2", after)).State.Should().Be(AgentState.Suspended);
        (await after.ExpectMsgAsync<SuspendedFrame>()).Reason.Should().Be("operator stop: looping");
        await after.ExpectNoMsgAsync();
        await h.TellAndAskAsync(new ResumeAgent(new AgentId("gpu-box")));
        await after.ExpectMsgAsync<ResumedFrame>();
        await after.ExpectMsgAsync<WelcomeFrame>();
        (await after.ExpectMsgAsync<DeliverFrame>()).Body.GetString().Should().Be("held in the inbox");
    }

    [Fact]
    public async Task ManyEvents_AreSnapshotted_AndRecoveryFromTheSnapshotKeepsEverything()
    {
        await using var h = await AgentHarness.StartAsync(onSqlite: true, configure: e => e with { SnapshotEvery = 10 });
        var link = h.NewLink();
        await h.HelloAsync("gpu-box", "inc-1", link, new Dictionary<string, string> { ["delivery"] = "poll" });
        for (var i = 0; i < 35; i++)
        {
            await h.SendAcceptedAsync("gpu-box", "mac-mini", $"m{i}");
        }

        await h.SettleAsync("gpu-box");
        await h.RestartAsync();

        var view = await h.ViewAsync("gpu-box");
        view.Counters.MessagesAccepted.Should().Be(35);
        view.InboxHighWater.Should().Be(35);
        view.PendingMessages.Should().Be(35);
        (await h.SendAsync("gpu-box", "mac-mini", "m34")).Should().Be(new MessageAccepted(35, true));
        (await h.SendAsync("gpu-box", "mac-mini", "m35")).Should().Be(new MessageAccepted(36, false));
    }
}
