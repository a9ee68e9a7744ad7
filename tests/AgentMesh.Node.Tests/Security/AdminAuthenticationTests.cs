using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AgentMesh.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Tests.Security;

/// <summary>The admin token rule over the real HTTP pipeline, on a real listener.</summary>
public sealed class AdminAuthenticationTests
{
    private const string AdminToken = "admin-token-0123456789";

    [Theory]
    [InlineData(null, "This request needs the admin token: send Authorization: Bearer <admin token>.")]
    [InlineData("admin-token-012345678", "The admin token is wrong.")]
    [InlineData("admin-token-0123456789x", "The admin token is wrong.")]
    public async Task ApiCall_WithMissingOrWrongToken_Is401ProblemDetails(string? token, string detail)
    {
        await using var node = await StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);

        using var response = await node.Client.SendAsync(Request("/api/probe", token)).WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("title").GetString().Should().Be("Unauthorized");
        problem.GetProperty("detail").GetString().Should().Be(detail);
    }

    [Fact]
    public async Task ApiCall_WithTheAdminToken_Passes()
    {
        await using var node = await StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);

        using var response = await node.Client.SendAsync(Request("/api/probe", AdminToken)).WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("probed");
    }

    [Fact]
    public async Task UnknownApiPath_WithoutToken_Is401_NotA404()
    {
        await using var node = await StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);

        using var response = await node.Client.SendAsync(Request("/api/does-not-exist", null)).WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_RequireTheAdminToken_HealthDoesNot()
    {
        await using var node = await StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);

        using var refused = await node.Client.SendAsync(Request("/metrics", null)).WaitAsync(TestNode.Timeout);
        using var scraped = await node.Client.SendAsync(Request("/metrics", AdminToken)).WaitAsync(TestNode.Timeout);
        using var health = await node.Client.SendAsync(Request("/healthz", null)).WaitAsync(TestNode.Timeout);

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        scraped.StatusCode.Should().Be(HttpStatusCode.OK);
        (await scraped.Content.ReadAsStringAsync()).Should().Contain("agentmesh_node_auth_failures_total{surface=\"admin\"} 1");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LoopbackNode_WithoutAdminToken_AcceptsLocalCallsWithoutOne()
    {
        await using var node = await StartAsync([]);

        using var response = await node.Client.SendAsync(Request("/api/probe", null)).WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void NodeWithoutAdminToken_RefusesCallsFromOtherMachines()
    {
        var authenticator = new AdminTokenAuthenticator(new(), null, Microsoft.Extensions.Logging.Abstractions.NullLogger<AdminTokenAuthenticator>.Instance);

        authenticator.Check(null, IPAddress.Loopback).Should().Be(AdminAccess.GrantedLocal);
        authenticator.Check(null, IPAddress.Parse("192.168.1.20")).Should().Be(AdminAccess.NotLocal);
        authenticator.Check(AdminToken, IPAddress.Parse("192.168.1.20")).Should().Be(AdminAccess.NotLocal);
    }

    [Fact]
    public void BearerScheme_IsCaseInsensitive_AndOtherSchemesCarryNoToken()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = $"bearer  {AdminToken} ";
        BearerToken.From(context.Request).Should().Be(AdminToken);
        context.Request.Headers.Authorization = $"Basic {AdminToken}";
        BearerToken.From(context.Request).Should().BeNull();
        context.Request.Headers.Authorization = "Bearer ";
        BearerToken.From(context.Request).Should().BeNull();
    }

    private static Task<TestNode> StartAsync(IEnumerable<string> settings) =>
        TestNode.StartAsync(settings, application: app => app.MapGet("/api/probe", () => "probed"));

    private static HttpRequestMessage Request(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
