using System.Net;
using AgentMesh.Node.Configuration;
using AgentMesh.Node.Security;

namespace AgentMesh.Node.Tests.Security;

public sealed class AgentTokenValidatorTests
{
    private const string Shared = "shared-agent-token-0123";
    private const string GpuBox = "gpu-box-own-token-0123";
    private static readonly IPAddress Lan = IPAddress.Parse("192.168.1.20");

    private readonly AgentTokenValidator _validator = new(
        new AuthOptions
        {
            AgentToken = new SecretToken(Shared),
            AgentTokens = new Dictionary<string, SecretToken>(StringComparer.Ordinal) { ["gpu-box"] = new(GpuBox) },
        },
        loopbackOnly: false);

    [Fact]
    public void OwnToken_SpeaksForItsAgentOnly()
    {
        var credential = _validator.Authenticate(GpuBox, Lan);

        credential.Kind.Should().Be(AgentCredentialKind.AgentToken);
        credential.AgentId.Should().Be("gpu-box");
        _validator.Permits(credential, "gpu-box").Should().BeTrue();
        _validator.Permits(credential, "mac-mini").Should().BeFalse();
    }

    [Fact]
    public void SharedToken_SpeaksForAgentsWithoutAToken_ButNotForOneThatHasItsOwn()
    {
        var credential = _validator.Authenticate(Shared, Lan);

        credential.Kind.Should().Be(AgentCredentialKind.SharedToken);
        _validator.Permits(credential, "mac-mini").Should().BeTrue();
        _validator.Permits(credential, "gpu-box").Should().BeFalse();
    }

    [Theory]
    [InlineData(null, "missing agent token: send Authorization: Bearer <agent token>")]
    [InlineData("wrong-token-0123456789", "wrong agent token")]
    [InlineData("shared-agent-token-012", "wrong agent token")]
    public void MissingOrWrongToken_IsRefused_WithoutEchoingIt(string? presented, string refusal)
    {
        var credential = _validator.Authenticate(presented, IPAddress.Loopback);

        credential.IsAccepted.Should().BeFalse();
        credential.Refusal.Should().Be(refusal);
        _validator.Permits(credential, "mac-mini").Should().BeFalse();
    }

    [Fact]
    public void Validate_ChecksTokenAndAgentTogether()
    {
        _validator.Validate("gpu-box", GpuBox, Lan).Should().BeTrue();
        _validator.Validate("gpu-box", Shared, Lan).Should().BeFalse();
        _validator.Validate("mac-mini", Shared, Lan).Should().BeTrue();
        _validator.Validate("mac-mini", GpuBox, Lan).Should().BeFalse();
    }

    [Fact]
    public void LoopbackNodeWithoutAgentTokens_AcceptsLocalAgentsWithoutAToken()
    {
        var development = new AgentTokenValidator(new AuthOptions(), loopbackOnly: true);

        var local = development.Authenticate(null, IPAddress.IPv6Loopback);

        local.Kind.Should().Be(AgentCredentialKind.LocalDevelopment);
        development.Permits(local, "anyone").Should().BeTrue();
        development.Authenticate(null, Lan).IsAccepted.Should().BeFalse();
    }

    [Fact]
    public void ReachableNodeWithoutAgentTokens_AcceptsNobody()
    {
        var exposed = new AgentTokenValidator(new AuthOptions(), loopbackOnly: false);

        exposed.Authenticate(null, IPAddress.Loopback).Refusal.Should()
            .Be("this node has no agent tokens configured, so it accepts no agent");
    }
}
