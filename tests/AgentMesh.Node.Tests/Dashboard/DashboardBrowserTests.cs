using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentMesh.Client.Frames;
using Microsoft.Playwright;

namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (headless Debian Chromium through Playwright) against a real
/// node on loopback, with agents on the real agent link. Every test ends with a screenshot under
/// TestResults/screenshots and checks that the page logged no error (a Content-Security-Policy
/// violation is one) and asked nothing of any other origin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string AdminToken = "dashboard-test-admin-token-0123456789";

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AgentRow_AppearsLive_WhenAnAgentConnects()
    {
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0]);
        await Assertions.Expect(dashboard.Page.Locator("#agents-empty")).ToBeVisibleAsync();
        await Assertions.Expect(dashboard.Page.Locator("#cluster-rows tr[data-node=\"test-node\"]")).ToContainTextAsync("up");

        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");

        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("onboarding");
        await Assertions.Expect(dashboard.AgentRow("gpu-box").Locator("[data-label=\"Link\"]")).ToHaveTextAsync("up");
        await Assertions.Expect(dashboard.AgentRow("gpu-box").Locator("[data-label=\"Incarnation\"] span")).ToHaveAttributeAsync("title", agent.Incarnation);
        await Assertions.Expect(dashboard.Page.Locator("#cluster-rows tr[data-node=\"test-node\"] [data-label=\"Agents\"]")).ToHaveTextAsync("1");
        await Assertions.Expect(dashboard.Page.Locator("#agents-empty")).ToBeHiddenAsync();
        await dashboard.ScreenshotAsync(nameof(AgentRow_AppearsLive_WhenAnAgentConnects));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task AgentState_TurnsFlapping_WhenItsLinkFlaps()
    {
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0]);

        await TestAgents.FlapAsync(_node, "gpu-box");

        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("flapping");
        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bstate-flapping\b"));
        var alert = dashboard.Page.Locator("#alerts li[data-kind=\"agent-flapping\"]");
        await Assertions.Expect(alert).ToContainTextAsync("agent:gpu-box");
        await Assertions.Expect(alert.Locator(".severity")).ToHaveTextAsync("warning");
        await dashboard.ScreenshotAsync(nameof(AgentState_TurnsFlapping_WhenItsLinkFlaps));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task SoftLimitAlert_ArrivesLive_WhenUsagePassesTheSoftLimit()
    {
        (await _node.Client.PutAsJsonAsync("/api/budgets/agent:gpu-box", new { tokensPerDay = 1000 })).EnsureSuccessStatusCode();
        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0]);
        var tokensToday = dashboard.Page.Locator("#budgets .budget[data-scope=\"agent:gpu-box\"] .gauge").Filter(new() { HasText = "tokens today" });
        await Assertions.Expect(tokensToday).ToHaveAttributeAsync("data-level", "under");
        await Assertions.Expect(dashboard.Page.Locator("#alerts li[data-kind=\"budget-soft-limit\"]")).ToHaveCountAsync(0);

        // 500 in + 350 out = 850 metered tokens: past the soft threshold (80% of 1000), under the hard limit.
        await agent.ReportUsageAsync("s-1", "openai", "gpt-4o-mini", 500, 0, 350).WaitAsync(TestAgents.Timeout);

        // Marked "new": added from the event stream, not from a reload of the alert log.
        var alert = dashboard.Page.Locator("#alerts li.new[data-kind=\"budget-soft-limit\"]");
        await Assertions.Expect(alert).ToContainTextAsync("agent:gpu-box");
        await Assertions.Expect(alert.Locator(".severity")).ToHaveTextAsync("warning");
        await Assertions.Expect(dashboard.Page.Locator("#alerts li").First).ToHaveAttributeAsync("data-kind", "budget-soft-limit");
        await Assertions.Expect(tokensToday).ToHaveAttributeAsync("data-level", "over-soft");
        await Assertions.Expect(tokensToday.Locator(".figures")).ToContainTextAsync("850");
        await dashboard.ScreenshotAsync(nameof(SoftLimitAlert_ArrivesLive_WhenUsagePassesTheSoftLimit));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task SuspendButton_SuspendsTheAgent_AndTheAgentIsTold()
    {
        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0], path: "/#/agents/gpu-box");
        await Assertions.Expect(dashboard.Page.Locator("#agent-state .state")).ToHaveTextAsync("onboarding");

        await dashboard.Page.GetByLabel("Reason").FillAsync("looping");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Suspend", Exact = true }).ClickAsync();

        await Assertions.Expect(dashboard.Page.Locator("#agent-state .state")).ToHaveTextAsync("suspended");
        await Assertions.Expect(dashboard.Page.Locator("#agent-facts")).ToContainTextAsync("looping");
        (await TestAgents.NextAsync<SuspendedFrame>(agent)).Reason.Should().Be("looping");
        await dashboard.ScreenshotAsync(nameof(SuspendButton_SuspendsTheAgent_AndTheAgentIsTold));

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Resume", Exact = true }).ClickAsync();
        await Assertions.Expect(dashboard.Page.Locator("#agent-state .state")).Not.ToHaveTextAsync("suspended");
        await TestAgents.NextAsync<ResumedFrame>(agent);
        await dashboard.Page.GetByRole(AriaRole.Link, new() { Name = "← All agents" }).ClickAsync();
        await Assertions.Expect(dashboard.AgentState("gpu-box")).Not.ToHaveTextAsync("suspended");
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task AgentPage_ShowsSessionsCircuitsEventsAndVelocity_WhenTheAgentWorks()
    {
        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");
        var welcome = await TestAgents.NextAsync<WelcomeFrame>(agent);
        await agent.AckWelcomeAsync(welcome.WelcomeId).WaitAsync(TestAgents.Timeout);
        (await _node.Client.PostAsJsonAsync("/api/agents/gpu-box/messages", new { from = "operator", body = "summarise the build", sessionKey = "ops" })).EnsureSuccessStatusCode();
        var deliver = await TestAgents.NextAsync<DeliverFrame>(agent);
        await agent.SessionStartedAsync(deliver.SessionId, 1000).WaitAsync(TestAgents.Timeout);
        await agent.ReportUsageAsync(deliver.SessionId, "openai", "gpt-4o-mini", 4000, 1000, 600).WaitAsync(TestAgents.Timeout);
        await agent.ReportResultAsync(deliver.SessionId, deliver.MessageId, ResultStatus.Failed, retryable: false, error: "HTTP 400").WaitAsync(TestAgents.Timeout);

        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0]);
        await dashboard.AgentRow("gpu-box").GetByRole(AriaRole.Link, new() { Name = "gpu-box" }).ClickAsync();

        var page = dashboard.Page;
        await Assertions.Expect(page.Locator("#agent-state .state")).ToHaveTextAsync("ready");
        await Assertions.Expect(page.Locator("#session-rows tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#session-rows tr")).ToContainTextAsync(deliver.SessionId);
        var circuit = page.Locator("#circuit-rows tr[data-session-key=\"ops\"]");
        await Assertions.Expect(circuit.Locator("[data-label=\"State\"]")).ToHaveTextAsync("closed");
        await Assertions.Expect(circuit.Locator("[data-label=\"Failures in a row\"]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#agent-facts div").Filter(new() { HasText = "Inbox high-water mark" }).Locator("dd")).ToHaveTextAsync("1");
        foreach (var kind in new[] { "welcome-sent", "link-up", "session-spawned", "run-failed" })
        {
            await Assertions.Expect(page.Locator($"#agent-events li[data-kind=\"{kind}\"]")).Not.ToHaveCountAsync(0);
        }

        // The chart is uPlot's canvas; its label states the last minute's figure (4,000 in + 600 out).
        await Assertions.Expect(page.Locator("#velocity-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#velocity-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("4,600 tokens in the last minute"));

        // A live usage report moves the chart without a reload.
        await agent.ReportUsageAsync(deliver.SessionId, "openai", "gpt-4o-mini", 1000, 0, 400).WaitAsync(TestAgents.Timeout);
        await Assertions.Expect(page.Locator("#velocity-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("6,000 tokens in the last minute"));
        await dashboard.ScreenshotAsync(nameof(AgentPage_ShowsSessionsCircuitsEventsAndVelocity_WhenTheAgentWorks));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task AgentsTable_FiltersAndSorts_WhenTheOperatorAsks()
    {
        await using var alpha = await TestAgents.ConnectAsync(_node, "alpha");
        await using var beta = await TestAgents.ConnectAsync(_node, "beta");
        await TestAgents.FlapAsync(_node, "gamma");
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0]);
        var rows = dashboard.Page.Locator("#agent-rows tr");
        await Assertions.Expect(dashboard.AgentState("gamma")).ToHaveTextAsync("flapping");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        await dashboard.Page.GetByLabel("Filter", new() { Exact = true }).FillAsync("bet");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveAttributeAsync("data-agent-id", "beta");
        await Assertions.Expect(dashboard.Page.Locator("#agents-count")).ToHaveTextAsync("(1 of 3)");

        await dashboard.Page.GetByLabel("Filter", new() { Exact = true }).FillAsync("");
        await dashboard.Page.GetByRole(AriaRole.Combobox, new() { Name = "State", Exact = true }).SelectOptionAsync("flapping");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveAttributeAsync("data-agent-id", "gamma");

        await dashboard.Page.GetByRole(AriaRole.Combobox, new() { Name = "State", Exact = true }).SelectOptionAsync("");
        await dashboard.Page.Locator("#agents-table th[data-sort=\"id\"] button").ClickAsync(); // ascending → descending
        await Assertions.Expect(dashboard.Page.Locator("#agents-table th[data-sort=\"id\"]")).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-agent-id", "gamma");
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-agent-id", "alpha");
        await dashboard.ScreenshotAsync(nameof(AgentsTable_FiltersAndSorts_WhenTheOperatorAsks));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task AgentsTable_IsReadableWithoutSidewaysScrolling_WhenTheScreenIsPhoneWidth()
    {
        await using var alpha = await TestAgents.ConnectAsync(_node, "gpu-box");
        await TestAgents.FlapAsync(_node, "mac-mini-orchestrator");
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, _node.Host.Addresses[0], width: 390, height: 844);
        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("onboarding");
        await Assertions.Expect(dashboard.AgentState("mac-mini-orchestrator")).ToHaveTextAsync("flapping");

        var overflow = await dashboard.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing on the page may be wider than a 390 px screen");
        // Cards: every cell of a row is within the screen and labelled (the header row is visually hidden).
        var row = await dashboard.AgentRow("mac-mini-orchestrator").BoundingBoxAsync();
        row.Should().NotBeNull();
        (row!.X + row.Width).Should().BeLessThanOrEqualTo(390);
        row.Height.Should().BeGreaterThan(row.Width / 2, "a row is a card of one labelled field per line, not a table row");
        await Assertions.Expect(dashboard.Page.Locator("#agents-table thead")).Not.ToBeInViewportAsync();
        await dashboard.ScreenshotAsync(nameof(AgentsTable_IsReadableWithoutSidewaysScrolling_WhenTheScreenIsPhoneWidth));
        dashboard.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task EventStream_ReconnectsAndCatchesUp_WhenTheNodeRestarts()
    {
        using var store = new TestDirectory();
        var database = $"AgentMesh:Store:Sqlite:Path={store.File("restart.db")}";
        await using var first = await TestNode.StartAsync([database]);
        var address = first.Host.Addresses[0];
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, address);
        await using (var agent = await TestAgents.ConnectAsync(first, "gpu-box"))
        {
            await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("onboarding");
        }

        await first.StopAsync();
        await Assertions.Expect(dashboard.Page.Locator("#live")).Not.ToHaveAttributeAsync("data-state", "live");

        // The same port and store: the page's next attempt finds the node again.
        await using var second = await TestNode.StartAsync([database, $"AgentMesh:Node:Urls=http://127.0.0.1:{address.Port}"]);
        await dashboard.ExpectLiveAsync();
        await using var other = await TestAgents.ConnectAsync(second, "mac-mini");

        await Assertions.Expect(dashboard.AgentState("mac-mini")).ToHaveTextAsync("onboarding");
        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("offline", new() { Timeout = DashboardSession.PatienceMs });
        await dashboard.ScreenshotAsync(nameof(EventStream_ReconnectsAndCatchesUp_WhenTheNodeRestarts));
        // While the node was down the browser logged its refused connections.
        dashboard.ShouldHaveNoProblems("net::ERR_");
    }

    [Fact]
    public async Task AdminToken_IsAskedForOnceAndKeptOutOfTheUrl_WhenTheNodeRequiresIt()
    {
        await using var node = await TestNode.StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);
        await using var dashboard = await DashboardSession.OpenAsync(browser.Browser, node.Host.Addresses[0], waitForLive: false);
        var page = dashboard.Page;
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Admin token" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();

        await dialog.GetByLabel("Admin token").FillAsync("not-the-admin-token-at-all");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused");
        await dialog.GetByLabel("Admin token").FillAsync(AdminToken);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await dashboard.ExpectLiveAsync();
        await using var agent = await TestAgents.ConnectAsync(node, "gpu-box");
        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("onboarding");
        (await page.EvaluateAsync<string>("() => sessionStorage.getItem('agentmesh.adminToken')")).Should().Be(AdminToken);
        (await page.EvaluateAsync<string>("() => localStorage.length.toString()")).Should().Be("0");
        page.Url.Should().NotContain(AdminToken);

        // A reload in the same tab keeps the token: no second question.
        await page.ReloadAsync();
        await dashboard.ExpectLiveAsync();
        await Assertions.Expect(dashboard.AgentState("gpu-box")).ToHaveTextAsync("onboarding");
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        page.Url.Should().NotContain(AdminToken);
        await dashboard.ScreenshotAsync(nameof(AdminToken_IsAskedForOnceAndKeptOutOfTheUrl_WhenTheNodeRequiresIt));

        // The API calls before the token answered 401, which the browser logs as failed loads.
        dashboard.ShouldHaveNoProblems("401");
        using var anonymous = new HttpClient { BaseAddress = node.Host.Addresses[0] };
        (await anonymous.GetAsync("/api/agents")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        (await anonymous.GetAsync("/api/agents")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
