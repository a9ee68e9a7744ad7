using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Orchestration.Tests.Agents;

/// <summary>
/// For random interleavings of hello, link down, reconnects with new or old incarnations, and node
/// restarts: no incarnation ever gets two welcomes, and every new incarnation that stays connected
/// long enough (the link stable past the flap period) gets exactly one.
/// </summary>
public sealed class WelcomePropertyTests
{
    private enum Step
    {
        HelloSameIncarnation,
        HelloNewIncarnation,
        LinkDown,
        RestartNode,
        Wait,
    }

    [Fact]
    public void WelcomesPerIncarnation_AreAtMostOne_AndExactlyOneForEveryIncarnationThatStaysConnected()
    {
        var steps = Gen.ListOf(Gen.Elements(Enum.GetValues<Step>()))
            .Select(list => list.Take(25).ToArray());

        Prop.ForAll(steps.ToArbitrary(), plan =>
                // Run on the thread pool: the harness is async and the property runner is not.
                Task.Run(() => HoldsAsync(plan)).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private static async Task<bool> HoldsAsync(Step[] plan)
    {
        await using var h = await AgentHarness.StartAsync();
        var welcomes = new Dictionary<string, int>();
        var incarnation = 0;
        var link = h.NewLink();
        var connected = false;

        foreach (var step in plan)
        {
            switch (step)
            {
                case Step.HelloNewIncarnation:
                    incarnation++;
                    goto case Step.HelloSameIncarnation;
                case Step.HelloSameIncarnation:
                    link = h.NewLink();
                    await h.HelloAsync("agent", $"inc-{incarnation}", link);
                    connected = true;
                    break;
                case Step.LinkDown when connected:
                    h.LinkDown("agent", link);
                    connected = false;
                    break;
                case Step.RestartNode:
                    await h.RestartAsync();
                    connected = false;
                    break;
                default:
                    h.Clock.Advance(TimeSpan.FromSeconds(45));
                    break;
            }

            await h.SettleAsync("agent");
            await CountWelcomes(link, welcomes, h);
        }

        // Stay connected long enough: a final hello for the last incarnation, then the link is stable.
        link = h.NewLink();
        await h.HelloAsync("agent", $"inc-{incarnation}", link);
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.SettleAsync("agent");
        await CountWelcomes(link, welcomes, h);

        return welcomes.Values.All(count => count <= 1) && welcomes.GetValueOrDefault($"inc-{incarnation}") == 1;
    }

    private static async Task CountWelcomes(Actors.TestKit.TestProbe link, Dictionary<string, int> welcomes, AgentHarness h)
    {
        foreach (var frame in await link.ReceiveWhileAsync<INodeFrame>(_ => true, TimeSpan.FromMilliseconds(5)))
        {
            if (frame is WelcomeFrame welcome)
            {
                var view = await h.ViewAsync("agent");
                var incarnation = view.Incarnation ?? "?";
                welcomes[incarnation] = welcomes.GetValueOrDefault(incarnation) + 1;
                h.Agents.Tell(new WelcomeAcknowledged(new AgentId("agent"), welcome.WelcomeId));
            }
        }
    }
}
