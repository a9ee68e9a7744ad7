using AgentMesh.Node.Security;

namespace AgentMesh.Node.Tests.Security;

public sealed class SecretTokenTests
{
    private readonly SecretToken _token = new("s3cr3t-t0ken-ünïcode-0123456789");

    [Fact]
    public void Matches_TheSameText() => _token.Matches("s3cr3t-t0ken-ünïcode-0123456789").Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("s3cr3t-t0ken-ünïcode-012345678")]
    [InlineData("s3cr3t-t0ken-ünïcode-01234567890")]
    [InlineData("S3cr3t-t0ken-ünïcode-0123456789")]
    [InlineData("s3cr3t-t0ken-unicode-0123456789")]
    public void DoesNotMatch_AnythingElse(string presented) => _token.Matches(presented).Should().BeFalse();

    [Fact]
    public void Matches_LongTokens_BeyondTheStackBuffer()
    {
        var value = new string('x', 1000);

        new SecretToken(value).Matches(value).Should().BeTrue();
        new SecretToken(value).Matches(value[..999] + "y").Should().BeFalse();
    }
}
