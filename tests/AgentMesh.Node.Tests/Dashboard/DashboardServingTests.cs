using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Node.Dashboard;

namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>How a real node serves the dashboard's embedded files, without a browser.</summary>
public sealed partial class DashboardServingTests : IAsyncLifetime
{
    private const string AdminToken = "dashboard-test-admin-token-0123456789";

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task EveryEmbeddedAsset_IsServedAsEmbedded_WithItsContentTypeAndETag()
    {
        var assets = DashboardAssets.Embedded.All;
        assets.Select(asset => asset.UrlPath).Should().Contain(
            ["/", "/assets/app.css", "/assets/js/app.js", "/assets/vendor/uplot/uPlot.iife.min.js", "/assets/vendor/uplot/uPlot.min.css", "/assets/vendor/uplot/LICENSE"]);

        foreach (var asset in assets)
        {
            using var response = await _node.Client.GetAsync(asset.UrlPath);
            response.StatusCode.Should().Be(HttpStatusCode.OK, asset.UrlPath);
            response.Content.Headers.ContentType!.ToString().Should().Be(asset.ContentType, asset.UrlPath);
            response.Headers.ETag!.ToString().Should().Be(asset.ETag);
            response.Headers.CacheControl!.NoCache.Should().BeTrue();
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(asset.Content.ToArray(), asset.UrlPath);
        }

        ContentTypeOf(assets, "/").Should().Be("text/html; charset=utf-8");
        ContentTypeOf(assets, "/assets/js/app.js").Should().Be("text/javascript; charset=utf-8", "module scripts need a JavaScript type");
        ContentTypeOf(assets, "/assets/vendor/uplot/uPlot.iife.min.js").Should().Be("text/javascript; charset=utf-8");
        ContentTypeOf(assets, "/assets/app.css").Should().Be("text/css; charset=utf-8");
        ContentTypeOf(assets, "/assets/favicon.svg").Should().Be("image/svg+xml; charset=utf-8");
        ContentTypeOf(assets, "/assets/vendor/uplot/LICENSE").Should().Be("text/plain; charset=utf-8");
    }

    [Fact]
    public async Task Asset_Is304WithoutABody_WhenTheBrowserHasTheCurrentCopy()
    {
        var script = DashboardAssets.Embedded.All.Single(asset => asset.UrlPath == "/assets/js/app.js");
        using var current = new HttpRequestMessage(HttpMethod.Get, script.UrlPath);
        current.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(script.ETag));
        using var stale = new HttpRequestMessage(HttpMethod.Get, script.UrlPath);
        stale.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse("\"an-older-version\""));

        using var notModified = await _node.Client.SendAsync(current);
        using var changed = await _node.Client.SendAsync(stale);

        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await changed.Content.ReadAsByteArrayAsync()).Should().HaveCount(script.Content.Length);
    }

    [Fact]
    public async Task HeadAndUnknownAssets_AnswerWithoutContent_And404()
    {
        using var head = await _node.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        using var missing = await _node.Client.GetAsync("/assets/js/nothing.js");
        using var traversal = await _node.Client.GetAsync("/assets/..%2Fappsettings.json");

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(DashboardAssets.Embedded.Page.Content.Length);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        traversal.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task VendoredFiles_AreServedWithTheHashesInVendorJson()
    {
        using var manifest = JsonDocument.Parse(ChartLibrary.Read("dashboard/vendor/vendor.json"));
        var checkedFiles = 0;
        foreach (var package in manifest.RootElement.GetProperty("packages").EnumerateArray())
        {
            foreach (var file in package.GetProperty("files").EnumerateObject())
            {
                var served = await _node.Client.GetByteArrayAsync("/assets/vendor/" + file.Value.GetProperty("to").GetString());
                Convert.ToHexStringLower(SHA256.HashData(served)).Should().Be(file.Value.GetProperty("sha256").GetString(), file.Name);
                checkedFiles++;
            }
        }

        checkedFiles.Should().Be(3, "vendor.json lists uPlot's script, stylesheet and licence");
    }

    [Fact]
    public async Task Page_ReferencesOnlyTheNode_AndHasNoInlineScriptOrStyle()
    {
        using var response = await _node.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var references = ReferenceAttribute().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        references.Should().NotBeEmpty().And.OnlyContain(url => url.StartsWith("/assets/", StringComparison.Ordinal) || url.StartsWith('#'));
        ScriptElement().Matches(html).Should().OnlyContain(script => script.Value.Contains(" src=\"/assets/", StringComparison.Ordinal), "every script is a file");
        html.Should().NotContain("<style").And.NotMatchRegex(@"\sstyle=").And.NotMatchRegex(@"\son[a-z]+=");

        // No file of the dashboard's own names another host (the SVG namespace is a name, not a load).
        foreach (var asset in DashboardAssets.Embedded.All.Where(asset => asset.ResourceName.StartsWith("dashboard/wwwroot/", StringComparison.Ordinal)))
        {
            var text = Encoding.UTF8.GetString(asset.Content.Span).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
            text.Should().NotMatchRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", asset.UrlPath);
        }

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Be(DashboardEndpoints.ContentSecurityPolicy);
        policy.Should().Contain("script-src 'self';").And.Contain("connect-src 'self';").And.Contain("style-src 'self';")
            .And.NotContain("unsafe-inline").And.NotContain("unsafe-eval").And.NotContain("http");
    }

    [Fact]
    public async Task PageAndAssets_NeedNoToken_ButTheApiDoes_WhenAnAdminTokenIsConfigured()
    {
        await using var node = await TestNode.StartAsync([$"AgentMesh:Auth:AdminToken={AdminToken}"]);

        (await node.Client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await node.Client.GetAsync("/assets/js/app.js")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await node.Client.GetAsync("/assets/vendor/uplot/uPlot.iife.min.js")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await node.Client.GetAsync("/api/agents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await node.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/agents");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        (await node.Client.SendAsync(withToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EventStream_DeliversAnAgentsStateChange_WhenTheAgentConnects()
    {
        using var response = await _node.Client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TestNode.Timeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout)).Should().Be(": connected");

        await using var agent = await TestAgents.ConnectAsync(_node, "gpu-box");

        // Read event by event until the state change of gpu-box (link and welcome notices come too).
        while (true)
        {
            var (type, data) = await ReadEventAsync(reader);
            if (type != "state")
            {
                continue;
            }

            data.GetProperty("agentId").GetString().Should().Be("gpu-box");
            data.GetProperty("from").GetString().Should().Be("offline");
            data.GetProperty("to").GetString().Should().Be("onboarding");
            break;
        }
    }

    private static async Task<(string Type, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync().WaitAsync(TestNode.Timeout) is { } line)
        {
            if (line.Length == 0 && data.Length > 0)
            {
                using var json = JsonDocument.Parse(data.ToString());
                return (type ?? "message", json.RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    private static string ContentTypeOf(IEnumerable<DashboardAsset> assets, string urlPath) => assets.Single(asset => asset.UrlPath == urlPath).ContentType;

    [GeneratedRegex("""\s(?:src|href)="(?<url>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ReferenceAttribute();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptElement();
}
