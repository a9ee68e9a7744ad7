using AgentMesh.Node.Security;

namespace AgentMesh.Node.Tests.Security;

public sealed class ListenUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.8.9.10:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST:5080/")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.1:0")]
    public void LoopbackAddresses_AreLoopback(string url) => ListenUrl.Parse(url).IsLoopback.Should().BeTrue();

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://100.64.0.7:5080")]
    [InlineData("http://mac-mini.local:5080")]
    [InlineData("http://localhost.example.com:5080")]
    public void EverythingElse_IsReachableFromOtherMachines(string url) => ListenUrl.Parse(url).IsLoopback.Should().BeFalse();

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("https://127.0.0.1:5080")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:abc")]
    [InlineData("http://::1:5080")]
    [InlineData("http://127.0.0.1:5080/path")]
    [InlineData("http://bad host:5080")]
    public void Malformed_IsRefused(string url)
    {
        var parse = () => ListenUrl.Parse(url);

        parse.Should().Throw<FormatException>();
    }

    [Fact]
    public void List_IsSemicolonSeparated_AndPrintsCanonically()
    {
        ListenUrl.ParseList(" http://127.0.0.1:1 ; http://[::1]:2/ ;").Select(url => url.ToString())
            .Should().Equal("http://127.0.0.1:1", "http://[::1]:2");
    }
}
