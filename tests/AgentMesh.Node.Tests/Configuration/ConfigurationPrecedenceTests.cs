using AgentMesh.Node.Configuration;
using AgentMesh.Node.Security;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Tests.Configuration;

public sealed class ConfigurationPrecedenceTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    [Fact]
    public void LaterSources_Win_SettingsFileThenConfigFileThenEnvironmentThenCommandLine()
    {
        var settings = _directory.Write("appsettings.json", ConfigurationFiles.Json(
            ("AgentMesh:Node:Name", "from-settings"),
            ("AgentMesh:Link:MaxFrameBytes", "2048"),
            ("AgentMesh:Link:HelloTimeout", "3s"),
            ("AgentMesh:Store:Sqlite:Path", "settings.db")));
        var config = _directory.Write("node.json", ConfigurationFiles.Json(
            ("AgentMesh:Node:Name", "from-config"),
            ("AgentMesh:Link:MaxFrameBytes", "4096"),
            ("AgentMesh:Link:HelloTimeout", "4s")));
        var environment = new Dictionary<string, string?>
        {
            ["AGENTMESH__NODE__NAME"] = "from-env",
            ["AGENTMESH__LINK__HELLOTIMEOUT"] = "5s",
            ["UNRELATED__NODE__NAME"] = "ignored",
        };

        var configuration = ConfigurationFiles.Build(_directory, ["--config", config, "--AgentMesh:Node:Name=from-cli"], environment, settings);
        var options = AgentMeshOptionsReader.Read(configuration).Options!;

        options.Node.Name.Should().Be("from-cli");
        options.Link.HelloTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.Link.MaxFrameBytes.Should().Be(4096);
        options.Store.SqlitePath.Should().Be("settings.db");
        configuration.Where(ConfigurationKeys.NodeName).Should().Be("on the command line");
        configuration.Where(ConfigurationKeys.LinkHelloTimeout).Should().Be("in environment variable AGENTMESH__LINK__HELLOTIMEOUT");
        configuration.Where(ConfigurationKeys.LinkMaxFrameBytes).Should().Be($"in {config}");
        configuration.Where(ConfigurationKeys.SqlitePath).Should().Be($"in {settings}");
        configuration.Where(ConfigurationKeys.AlertsWebhookUrl).Should().BeNull();
    }

    [Fact]
    public void Switches_SetTheNodeUrlsAndName_AndConfigAcceptsTheEqualsForm()
    {
        var config = _directory.Write("node.json", ConfigurationFiles.Json(("AgentMesh:Link:MaxFrameBytes", "4096")));

        var options = ConfigurationFiles.Read(_directory, [$"--config={config}", "--urls", "http://localhost:6000;http://[::1]:6001", "--name", "mac-mini"]).Options!;

        options.Node.Urls.Select(url => url.ToString()).Should().Equal("http://localhost:6000", "http://[::1]:6001");
        options.Node.Name.Should().Be("mac-mini");
        options.Link.MaxFrameBytes.Should().Be(4096);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes_WhenNothingIsConfigured()
    {
        var report = ConfigurationFiles.Read(_directory, []);

        report.Problems.Should().BeEmpty();
        report.Warnings.Should().BeEmpty();
        var options = report.Options!;
        options.Node.Name.Should().Be(NodeOptions.DefaultName()).And.Be(options.Node.Name.ToLowerInvariant());
        options.Node.Urls.Select(url => url.ToString()).Should().Equal("http://127.0.0.1:5080");
        options.Node.IsLoopbackOnly.Should().BeTrue();
        options.Node.Roles.Should().BeEmpty();
        options.Node.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.Store.Provider.Should().Be(StoreProvider.Sqlite);
        options.Store.SqlitePath.Should().Be("./data/agentmesh.db");
        options.Auth.AdminToken.Should().BeNull();
        options.Auth.HasAgentTokens.Should().BeFalse();
        options.Link.MaxFrameBytes.Should().Be(1024 * 1024);
        options.Link.HelloTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.Logging.DefaultLevel.Should().Be(LogLevel.Information);
        options.Logging.FilePath.Should().Be("./data/logs/agentmesh-.json");
        options.Alerts.WebhookUrl.Should().BeNull();
    }

    [Fact]
    public void ShippedSettingsFile_ReadsWithoutProblemsOrWarnings_AndKeepsTheDefaults()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, NodeConfiguration.SettingsFileName);
        File.Exists(shipped).Should().BeTrue("the node ships appsettings.json next to itself");

        var report = ConfigurationFiles.Read(_directory, [], settingsFile: shipped);

        report.Problems.Should().BeEmpty();
        report.Warnings.Should().BeEmpty();
        report.Options!.Should().BeEquivalentTo(ConfigurationFiles.Read(_directory, []).Options!, options => options
            .Excluding(o => o.Logging.Overrides).Excluding(o => o.Agents).Excluding(o => o.Budgets).Excluding(o => o.Prices));
        report.Options!.Logging.Overrides.Should().ContainKey("Microsoft.AspNetCore").WhoseValue.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public void Provider_DefaultsToPostgreSql_WhenAConnectionStringIsGiven()
    {
        var options = ConfigurationFiles.Read(_directory, ["--AgentMesh:Store:PostgreSql:ConnectionString=Host=db;Database=agentmesh;Username=u;Password=p"]).Options!;

        options.Store.Provider.Should().Be(StoreProvider.PostgreSql);
        options.Store.PostgreSqlSchema.Should().Be("agentmesh");
    }

    [Fact]
    public void Provider_StaysSqlite_WhenNamedExplicitlyBesideAConnectionString()
    {
        var options = ConfigurationFiles.Read(_directory,
            ["--AgentMesh:Store:Provider=SQLite", "--AgentMesh:Store:PostgreSql:ConnectionString=Host=db"]).Options!;

        options.Store.Provider.Should().Be(StoreProvider.Sqlite);
    }

    [Fact]
    public void Tokens_RolesAndLevels_AreRead()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AGENTMESH__AUTH__ADMINTOKEN"] = "admin-token-0123456789",
            ["AGENTMESH__AUTH__AGENTTOKENS__gpu-box"] = "gpu-box-token-0123456789",
            ["AGENTMESH__NODE__ROLES"] = "agents, api",
            ["AGENTMESH__LOGGING__LOGLEVEL__AgentMesh.Actors"] = "debug",
        };

        var options = ConfigurationFiles.Read(_directory, [], environment).Options!;

        options.Auth.AdminToken!.Matches("admin-token-0123456789").Should().BeTrue();
        options.Auth.AgentTokens.Should().ContainKey("gpu-box").WhoseValue.Matches("gpu-box-token-0123456789").Should().BeTrue();
        options.Auth.AgentToken.Should().BeNull();
        options.Node.Roles.Should().Equal("agents", "api");
        options.Logging.Overrides.Should().Contain("AgentMesh.Actors", LogLevel.Debug);
    }

    [Fact]
    public void DomainSections_AreLayeredLikeEveryOtherSection()
    {
        var config = _directory.Write("node.json", ConfigurationFiles.Json(
            ("AgentMesh:Agents:gpu-box:Circuit:FailureThreshold", "5"),
            ("AgentMesh:Budgets:global:TokensPerDay", "1000000"),
            ("AgentMesh:Prices:anthropic/claude:InputPerMillion", "3"),
            ("AgentMesh:Prices:anthropic/claude:OutputPerMillion", "15")));

        var report = ConfigurationFiles.Read(_directory, ["--config", config, "--AgentMesh:Budgets:global:TokensPerDay=2000000"],
            new Dictionary<string, string?> { ["AGENTMESH__AGENTS__gpu-box__CIRCUIT__FAILURETHRESHOLD"] = "7" });

        report.Warnings.Should().BeEmpty();
        report.Options!.Agents.Overrides["gpu-box"].Circuit!.FailureThreshold.Should().Be(7);
        report.Options.Budgets.Scopes[AgentMesh.Orchestration.Ids.BudgetScope.Global].TokensPerDay.Should().Be(2_000_000);
        report.Options.Prices.Prices[new AgentMesh.Orchestration.Ids.ModelKey("anthropic", "claude")].InputPerMillion.Should().Be(3m);
    }

    [Fact]
    public void EmptyValues_MeanTheDefault()
    {
        var environment = new Dictionary<string, string?> { ["AGENTMESH__AUTH__ADMINTOKEN"] = "", ["AGENTMESH__LINK__MAXFRAMEBYTES"] = " " };

        var report = ConfigurationFiles.Read(_directory, [], environment);

        report.Problems.Should().BeEmpty();
        report.Options!.Auth.AdminToken.Should().BeNull();
        report.Options.Link.MaxFrameBytes.Should().Be(1024 * 1024);
    }

    [Fact]
    public void Durations_AcceptSuffixesAndTimeSpans()
    {
        Durations.TryParse("500ms", out var milliseconds).Should().BeTrue();
        milliseconds.Should().Be(TimeSpan.FromMilliseconds(500));
        Durations.TryParse("1.5s", out var seconds).Should().BeTrue();
        seconds.Should().Be(TimeSpan.FromMilliseconds(1500));
        Durations.TryParse("2m", out var minutes).Should().BeTrue();
        minutes.Should().Be(TimeSpan.FromMinutes(2));
        Durations.TryParse("00:00:10", out var span).Should().BeTrue();
        span.Should().Be(TimeSpan.FromSeconds(10));
        Durations.TryParse("ten seconds", out _).Should().BeFalse();
        Durations.TryParse("-1s", out _).Should().BeFalse();
        Durations.Format(TimeSpan.FromMilliseconds(1500)).Should().Be("1500ms");
        Durations.Format(TimeSpan.FromMinutes(5)).Should().Be("5m");
    }

    [Fact]
    public void SecretToken_NeverPrintsItself()
    {
        new SecretToken("admin-token-0123456789").ToString().Should().Be("***");
    }

    public void Dispose() => _directory.Dispose();
}
