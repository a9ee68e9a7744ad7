using System.Net;
using System.Text.Json;
using AgentMesh.Actors.TestKit;
using AgentMesh.Node.Storage;
using AgentMesh.Testing.PostgreSql;
using Microsoft.Extensions.DependencyInjection;

namespace AgentMesh.Node.Tests.Http;

public sealed class HealthTests
{
    [Fact]
    public async Task HealthyNode_Answers200_WithStatusOkAndItsName()
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"ok","node":"test-node"}""");
    }

    [Fact]
    public async Task StoreThatStopsAnswering_Makes503_AfterTheHealthTimeout()
    {
        var journal = new ControlledJournal();
        var clock = new ManualTimeProvider();
        await using var node = await TestNode.StartAsync(
            ["AgentMesh:Node:HealthTimeout=2s"],
            services => services.AddSingleton(ControlledJournal.Store(journal)).AddSingleton<TimeProvider>(clock));
        (await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout)).StatusCode.Should().Be(HttpStatusCode.OK);

        journal.Failure = ControlledJournal.Hang;
        var timers = clock.ActiveTimerCount;
        var pending = node.Client.GetAsync("/healthz");
        await clock.WhenActiveTimersAtLeast(timers + 1).WaitAsync(TestNode.Timeout);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var response = await pending.WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await ProblemAsync(response);
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("title").GetString().Should().Be("Unavailable");
        problem.GetProperty("node").GetString().Should().Be("test-node");
        problem.GetProperty("detail").GetString().Should().Be("the store (controlled store) did not answer within 2s");

        journal.Failure = null;
        (await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StoreThatFails_Makes503_SayingWhy()
    {
        var journal = new ControlledJournal { Failure = new InvalidOperationException("disk on fire") };
        await using var node = await TestNode.StartAsync(services: services => services.AddSingleton(ControlledJournal.Store(journal)));

        using var response = await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Be("the store (controlled store) failed: InvalidOperationException: disk on fire");
        node.Console.ToString().Should().Contain("Health check failed: the store (controlled store) failed");
    }

    [Fact]
    public async Task PostgreSqlThatGoesDown_Makes503()
    {
        var server = await PostgreSqlServer.StartAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var serverStopped = false;
        try
        {
            var connectionString = await server.CreateDatabaseAsync("node_health", CancellationToken.None).WaitAsync(TestNode.Timeout);
            await using var node = await TestNode.StartAsync([$"AgentMesh:Store:PostgreSql:ConnectionString={connectionString}"]);
            node.Service<NodeStore>().Description.Should().StartWith("PostgreSQL database 'node_health_1' on 127.0.0.1:");
            (await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout)).StatusCode.Should().Be(HttpStatusCode.OK);

            await server.DisposeAsync();
            serverStopped = true;
            using var response = await node.Client.GetAsync("/healthz").WaitAsync(TestNode.Timeout);

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await ProblemAsync(response)).GetProperty("detail").GetString().Should().StartWith("the store (PostgreSQL database 'node_health_1'");
        }
        finally
        {
            if (!serverStopped)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
