using Microsoft.Playwright;

namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>
/// The dashboard of one node open in its own browser context (fresh storage) of the shared
/// browser. Records what should never happen on the page: console errors (a Content-Security-Policy
/// violation is one), uncaught exceptions and requests to any other origin than the node.
/// </summary>
internal sealed class DashboardSession : IAsyncDisposable
{
    /// <summary>How long a Playwright assertion waits for the page to show something.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Lock _lock = new();
    private readonly List<string> _problems = [];
    private readonly IBrowserContext _context;

    private DashboardSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Every problem recorded so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    public static float PatienceMs => (float)Patience.TotalMilliseconds;

    /// <summary>Opens <paramref name="path"/> of <paramref name="node"/>; with <paramref name="waitForLive"/>, returns once the event stream is live.</summary>
    public static async Task<DashboardSession> OpenAsync(IBrowser browser, Uri node, int width = 1280, int height = 900, string path = "/", bool waitForLive = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = node.ToString(),
        }).WaitAsync(Patience);
        context.SetDefaultTimeout(PatienceMs);
        var page = await context.NewPageAsync().WaitAsync(Patience);
        var session = new DashboardSession(context, page);
        var origin = node.GetLeftPart(UriPartial.Authority);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Record($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => session.Record($"uncaught: {error}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(origin + "/", StringComparison.Ordinal))
            {
                session.Record($"request to another origin: {request.Url}");
            }
        };
        await page.GotoAsync(path).WaitAsync(Patience);
        if (waitForLive)
        {
            await session.ExpectLiveAsync();
        }

        return session;
    }

    public ILocator AgentRow(string agentId) => Page.Locator($"#agent-rows tr[data-agent-id=\"{agentId}\"]");

    public ILocator AgentState(string agentId) => AgentRow(agentId).Locator(".state-cell .state");

    /// <summary>The page says its event stream is open.</summary>
    public Task ExpectLiveAsync() =>
        Assertions.Expect(Page.Locator("#live")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = PatienceMs });

    /// <summary>A full-page screenshot named after the test, in <see cref="TestArtifacts.Screenshots"/>.</summary>
    public Task ScreenshotAsync(string testName) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.Screenshot(testName), FullPage = true }).WaitAsync(Patience);

    /// <summary>Nothing went wrong on the page, except problems containing one of <paramref name="expected"/>.</summary>
    public void ShouldHaveNoProblems(params string[] expected) =>
        Problems.Where(problem => !expected.Any(text => problem.Contains(text, StringComparison.Ordinal))).Should().BeEmpty();

    public async ValueTask DisposeAsync() => await _context.CloseAsync().WaitAsync(Patience);

    private void Record(string problem)
    {
        lock (_lock)
        {
            _problems.Add(problem);
        }
    }
}
