using Microsoft.Playwright;

namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>
/// One headless Debian Chromium (<see cref="ChromiumPath"/>, installed by
/// tools/prepare-test-machine.sh) driven by Playwright, shared by every test of the
/// <see cref="BrowserCollection"/>; each test opens its own browser context (fresh storage).
/// Playwright's browser download is never used. A missing browser fails every test of the
/// collection with the reason; none is skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// The machine has no internet: without these Chromium waits on refused connections (updates,
    /// sync, QUIC) and hangs. No sandbox because the tests run as root. Playwright gives the browser
    /// a fresh temporary profile (user-data dir) on every launch.
    /// </summary>
    private static readonly string[] Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The dashboard's browser tests need Debian's Chromium at {ChromiumPath}, which is missing. " +
                "Run tools/prepare-test-machine.sh (it runs apt-get install -y chromium); ./test.sh runs it first.");
        }

        _playwright = await Playwright.CreateAsync().WaitAsync(LaunchTimeout);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = Arguments,
            Timeout = (float)LaunchTimeout.TotalMilliseconds,
        }).WaitAsync(LaunchTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync().WaitAsync(LaunchTimeout);
        }

        _playwright?.Dispose();
    }
}
