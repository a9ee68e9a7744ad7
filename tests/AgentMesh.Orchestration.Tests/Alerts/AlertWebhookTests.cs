using System.Net;
using System.Text.Json;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Tests.Budgets;

namespace AgentMesh.Orchestration.Tests.Alerts;

/// <summary>The alert webhook against a real HTTP endpoint on loopback; back-off runs on the manual clock.</summary>
public sealed class AlertWebhookTests
{
    [Fact]
    public async Task Webhook_PostsEveryLoggedAlert_AsJson_InIdOrder()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var h = await StartAsync(server.Url);

        Raise(h, "first", AlertSeverity.Warning);
        Raise(h, "second", AlertSeverity.Critical);

        var (contentType, body) = await server.NextAsync();
        contentType.Should().Be("application/json; charset=utf-8");
        using (var json = JsonDocument.Parse(body))
        {
            var root = json.RootElement;
            root.GetProperty("id").GetInt64().Should().Be(1);
            root.GetProperty("at").GetDateTimeOffset().Should().Be(h.Now);
            root.GetProperty("severity").GetString().Should().Be("warning");
            root.GetProperty("scope").GetString().Should().Be("global");
            root.GetProperty("kind").GetString().Should().Be("test");
            root.GetProperty("message").GetString().Should().Be("first");
            root.GetProperty("figures").GetProperty("value").GetDecimal().Should().Be(42m);
        }

        var second = JsonDocument.Parse((await server.NextAsync()).Body).RootElement;
        second.GetProperty("id").GetInt64().Should().Be(2);
        second.GetProperty("severity").GetString().Should().Be("critical");
        (await h.Events.FishForMessageAsync<AlertWebhookDelivered>(d => d.AlertId == 2)).Attempts.Should().Be(1);
    }

    [Fact]
    public async Task WebhookDown_AccountingGoesOn_AndTheAlertIsRetriedWithBackOff_UntilTheEndpointIsBack()
    {
        await using var server = await WebhookServer.StartAsync();
        var port = server.Port;
        await server.StopAsync();
        await using var h = await StartAsync(server.Url, BudgetActorTests.WithScope("global", new BudgetLimits { TokensPerDay = 1_000 }));

        h.Budgets.Tell(BudgetHarness.Usage("global", "gpu-box", h.Now, input: 900));
        var first = await h.Events.FishForMessageAsync<AlertWebhookFailed>(_ => true);
        first.Should().Match<AlertWebhookFailed>(f => f.AlertId == 1 && f.Attempt == 1 && f.RetryIn == TimeSpan.FromSeconds(1));

        // Accounting goes on while the webhook cannot deliver: more spend, a hard stop, its alert logged.
        h.Budgets.Tell(BudgetHarness.Usage("global", "gpu-box", h.Now, input: 200));
        (await h.AgentsProbe.ExpectMsgAsync<SuspendAgent>()).Agent.Should().Be(new AgentId("gpu-box"));
        (await h.ViewAsync("global")).Spend.Today.InputTokens.Should().Be(1_100);
        (await h.AlertsAsync()).Alerts.Select(a => a.Kind).Should().Equal(BudgetActor.SoftLimitAlert, BudgetActor.HardLimitAlert);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await h.Events.FishForMessageAsync<AlertWebhookFailed>(f => f.Attempt == 2);
        second.Should().Match<AlertWebhookFailed>(f => f.AlertId == 1 && f.RetryIn == TimeSpan.FromSeconds(2));

        await server.StartAsync(port);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.FlushEventsAsync();
        server.Received.Reader.TryPeek(out _).Should().BeFalse("the retry waits its full back-off");
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        (await h.Events.FishForMessageAsync<AlertWebhookDelivered>(d => d.AlertId == 1)).Attempts.Should().Be(3);
        (await h.Events.FishForMessageAsync<AlertWebhookDelivered>(d => d.AlertId == 2)).Attempts.Should().Be(1);
        Id(await server.NextAsync()).Should().Be(1);
        Id(await server.NextAsync()).Should().Be(2);
    }

    [Fact]
    public async Task FullQueue_DropsTheOldestWaiting_CountingEachDrop()
    {
        await using var server = await WebhookServer.StartAsync();
        var port = server.Port;
        await server.StopAsync();
        await using var h = await StartAsync(server.Url, b => b with { Webhook = b.Webhook! with { QueueCapacity = 2 } });

        Raise(h, "1");
        await h.Events.FishForMessageAsync<AlertWebhookFailed>(f => f.AlertId == 1);
        for (var i = 2; i <= 5; i++)
        {
            Raise(h, $"{i}");
        }

        (await h.Events.FishForMessageAsync<AlertWebhookDropped>(_ => true)).Should().Match<AlertWebhookDropped>(d => d.AlertId == 2 && d.TotalDropped == 1 && d.Why == "queue full");
        (await h.Events.FishForMessageAsync<AlertWebhookDropped>(_ => true)).Should().Match<AlertWebhookDropped>(d => d.AlertId == 3 && d.TotalDropped == 2);

        await server.StartAsync(port);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Id(await server.NextAsync()).Should().Be(1);
        Id(await server.NextAsync()).Should().Be(4);
        Id(await server.NextAsync()).Should().Be(5);
    }

    [Fact]
    public async Task ClientError_IsFinal_TheAlertIsDropped_AndTheNextOneGoesOut()
    {
        await using var server = await WebhookServer.StartAsync();
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.BadRequest, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NoContent]);
        server.Status = () => answers.Dequeue();
        await using var h = await StartAsync(server.Url);

        Raise(h, "malformed for this receiver");
        Raise(h, "fine");

        (await h.Events.FishForMessageAsync<AlertWebhookDropped>(_ => true)).Should().Match<AlertWebhookDropped>(d => d.AlertId == 1 && d.Why == "refused with 400");
        (await h.Events.FishForMessageAsync<AlertWebhookFailed>(_ => true)).Should().Match<AlertWebhookFailed>(f => f.AlertId == 2 && f.Error == "HTTP 503");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await h.Events.FishForMessageAsync<AlertWebhookDelivered>(_ => true)).Should().Match<AlertWebhookDelivered>(d => d.AlertId == 2 && d.Attempts == 2);
    }

    private static Task<BudgetHarness> StartAsync(Uri url, Func<BudgetEnvironment, BudgetEnvironment>? configure = null) =>
        BudgetHarness.StartAsync(budgets: b =>
        {
            b = b with { Webhook = new AlertWebhookOptions { Url = url } };
            return configure?.Invoke(b) ?? b;
        });

    private static void Raise(BudgetHarness h, string message, AlertSeverity severity = AlertSeverity.Warning) =>
        h.Kit.System.EventStream.Publish(new AlertRaised(h.Now, severity, "global", "test", message, new Dictionary<string, decimal> { ["value"] = 42m }));

    private static long Id((string ContentType, string Body) post)
    {
        using var json = JsonDocument.Parse(post.Body);
        return json.RootElement.GetProperty("id").GetInt64();
    }
}
