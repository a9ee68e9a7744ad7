using System.Text.Json;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Tests.Agents;

public sealed class RoomTests : IAsyncLifetime
{
    private AgentHarness _h = null!;

    public async Task InitializeAsync() => _h = await AgentHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task APostToARoom_FansOutToEveryOtherMember_AndARepeatIsDropped()
    {
        var design = new Dictionary<string, string> { ["rooms"] = "design, ops" };
        var a = _h.NewLink();
        var b = _h.NewLink();
        var poster = _h.NewLink();
        await _h.HelloAsync("alice", "i", a, design);
        await _h.HelloAsync("bob", "i", b, design);
        await _h.HelloAsync("carol", "i", poster, design);
        await _h.SettleAsync("alice");
        await _h.SettleAsync("bob");
        await _h.SettleAsync("carol");

        var post = new SendFromAgent(new AgentId("carol"), "room:design", JsonSerializer.SerializeToElement("new mockups are up"), SessionKey.Default, MessageKind.Message);
        (await _h.TellAndAskAsync(post)).Should().Be(new MessageAccepted(1, false));
        (await _h.TellAndAskAsync(post)).Should().Be(new MessageAccepted(1, true));

        (await a.FishForMessageAsync<DeliverFrame>(_ => true)).From.Should().Be("carol");
        (await b.FishForMessageAsync<DeliverFrame>(_ => true)).Body.GetString().Should().Be("new mockups are up");
        await poster.FishForMessageAsync<WelcomeFrame>(_ => true);
        await poster.ExpectNoMsgAsync();
        (await _h.ViewAsync("alice")).Counters.MessagesAccepted.Should().Be(1);
    }

    [Fact]
    public async Task APostToAnUnknownRoomAddress_IsRefused()
    {
        var link = _h.NewLink();
        await _h.HelloAsync("carol", "i", link);

        var reply = await _h.TellAndAskAsync(new SendFromAgent(new AgentId("carol"), "room:", JsonSerializer.SerializeToElement("x"), SessionKey.Default, MessageKind.Message));

        reply.Should().BeOfType<MessageRefused>().Which.Reason.Should().Be("unknown-recipient");
    }
}
