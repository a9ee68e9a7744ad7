using System.Text;
using System.Text.Json;
using AgentMesh.Node.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentMesh.Node.Tests.Http;

/// <summary>RFC 9457 answers over the real pipeline: helpers, bad input, failures, unknown routes.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private TestNode? _node;

    private HttpClient Client => _node!.Client; // set by InitializeAsync before any test runs

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(application: app =>
    {
        app.MapPost("/api/things", (Thing thing) => thing.Name);
        app.MapGet("/api/count", (int n) => n);
        app.MapGet("/api/boom", IResult () => throw new InvalidOperationException("internal detail that must not leak"));
        app.MapGet("/api/problems/bad", () => Problems.BadRequest("The sessionKey must be 1-64 characters.", "sessionKey"));
        app.MapGet("/api/problems/missing", () => Problems.NotFound("agent", "gpu-box"));
        app.MapGet("/api/problems/conflict", () => Problems.Conflict("The agent is not suspended."));
        app.MapGet("/api/problems/store", () => Problems.StoreUnavailable("The store did not answer; retry later."));
    });

    public async Task DisposeAsync() => await _node!.DisposeAsync();

    [Theory]
    [InlineData("bad", 400, "Bad request", "The sessionKey must be 1-64 characters.")]
    [InlineData("missing", 404, "Not found", "There is no agent 'gpu-box'.")]
    [InlineData("conflict", 409, "Conflict", "The agent is not suspended.")]
    [InlineData("store", 503, "Store unavailable", "The store did not answer; retry later.")]
    public async Task Helpers_AnswerProblemJson_WithTitleAndDetail(string which, int status, string title, string detail)
    {
        using var response = await Client.GetAsync($"/api/problems/{which}").WaitAsync(TestNode.Timeout);

        var problem = await ProblemAsync(response, status);
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("detail").GetString().Should().Be(detail);
        problem.GetProperty("type").GetString().Should().StartWith("https://tools.ietf.org/html/rfc9110#section-15.");
    }

    [Fact]
    public async Task BadRequestHelper_NamesTheField_NotFoundHelperTheId()
    {
        using var bad = await Client.GetAsync("/api/problems/bad").WaitAsync(TestNode.Timeout);
        using var missing = await Client.GetAsync("/api/problems/missing").WaitAsync(TestNode.Timeout);

        (await ProblemAsync(bad, 400)).GetProperty("field").GetString().Should().Be("sessionKey");
        (await ProblemAsync(missing, 404)).GetProperty("id").GetString().Should().Be("gpu-box");
    }

    [Fact]
    public async Task BodyOfTheWrongShape_Is400_NamingTheField()
    {
        using var response = await PostAsync("""{"name":"x","count":"many"}""");

        var problem = await ProblemAsync(response, 400);
        problem.GetProperty("field").GetString().Should().Be("count");
        problem.GetProperty("detail").GetString().Should().StartWith("The request body is not valid JSON for this call: ").And.Contain("$.count");
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is400()
    {
        using var response = await PostAsync("""{"name": """);

        (await ProblemAsync(response, 400)).GetProperty("detail").GetString().Should().StartWith("The request body is not valid JSON for this call: ");
    }

    [Fact]
    public async Task QueryValueOfTheWrongType_Is400()
    {
        using var response = await Client.GetAsync("/api/count?n=abc").WaitAsync(TestNode.Timeout);

        (await ProblemAsync(response, 400)).GetProperty("detail").GetString().Should().Be("Failed to bind parameter \"int n\" from \"abc\".");
    }

    [Fact]
    public async Task Failure_Is500_WithATraceId_AndNoExceptionText()
    {
        using var response = await Client.GetAsync("/api/boom").WaitAsync(TestNode.Timeout);

        var body = await response.Content.ReadAsStringAsync();
        var problem = await ProblemAsync(response, 500);
        problem.GetProperty("detail").GetString().Should().StartWith("The node failed to handle the request; its log has the details under trace id ");
        body.Should().NotContain("internal detail").And.NotContain("InvalidOperationException").And.NotContain(" at ");
        _node!.Console.ToString().Should().Contain("internal detail that must not leak", "the log keeps what the answer leaves out");
    }

    [Fact]
    public async Task UnknownRoute_AndWrongMethod_AreProblemJson()
    {
        using var unknown = await Client.GetAsync("/nothing-here").WaitAsync(TestNode.Timeout);
        using var wrongMethod = await Client.DeleteAsync("/healthz").WaitAsync(TestNode.Timeout);

        await ProblemAsync(unknown, 404);
        await ProblemAsync(wrongMethod, 405);
    }

    private async Task<HttpResponseMessage> PostAsync(string json) =>
        await Client.PostAsync("/api/things", new StringContent(json, Encoding.UTF8, "application/json")).WaitAsync(TestNode.Timeout);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(status);
        return problem;
    }

    private sealed record Thing(string Name, int Count);
}
