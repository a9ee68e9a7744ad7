using AgentMesh.Node.Hosting;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Node.Tests.Configuration;

/// <summary>
/// <c>AgentMesh:Agents</c>, <c>AgentMesh:Budgets</c> and <c>AgentMesh:Prices</c>: bound into the
/// orchestration's options at start, every bad value or unknown key an error naming key and source.
/// </summary>
public sealed class DomainConfigurationTests : IDisposable
{
    private const string LimitNames = "TokensPerDay, TokensPerMonth, CostPerDayUsd, CostPerMonthUsd, TokensPerMinute, VelocitySpan, SpawnsPerHour, SoftFraction";
    private const string ScopeForms = "'global', 'node:<name>', 'agent:<id>' or 'model:<provider>/<model>'";

    private readonly TestDirectory _directory = new();

    [Theory]
    [InlineData("AgentMesh:Budgets:agent:gpu-box:TokensPerDay", "-5", "must be a positive whole number of tokens, or none for no limit")]
    [InlineData("AgentMesh:Budgets:global:CostPerDayUsd", "lots", "must be a positive number of US dollars, at most 1000000000, or none for no limit")]
    [InlineData("AgentMesh:Budgets:global:VelocitySpan", "2h", "must be a duration between 1m and 1h, like \"5m\" or \"00:05:00\"")]
    [InlineData("AgentMesh:Budgets:global:SoftFraction", "1.5", "must be a number above 0 and at most 1")]
    [InlineData("AgentMesh:Budgets:agent:gpu-box:TokensPerDya", "5", $"'TokensPerDya' is not a budget limit: must be one of {LimitNames}, Scope; did you mean TokensPerDay?")]
    [InlineData("AgentMesh:Budgets:team:x:TokensPerDay", "5", $"'team:x' is not a budget scope: A budget scope must be {ScopeForms}: 'team:x' has none of these forms")]
    [InlineData("AgentMesh:Budgets:Defaults:team:TokensPerDay", "5", "'team' is not a kind of budget scope: must be one of global, node, agent, model")]
    [InlineData("AgentMesh:Budgets:global", "5", "must be a section of limits of one scope, AgentMesh:Budgets:<scope>:<limit>, like AgentMesh:Budgets:global:TokensPerDay")]
    [InlineData("AgentMesh:Budgets:agent:gpu-box:TokensPerDay", "300000000",
        "tokensPerDay (300,000,000) is above tokensPerMonth (200,000,000); a daily limit must not exceed the monthly one.")]
    [InlineData("AgentMesh:Agents:gpu-box:Flap:MaxTransitions", "6",
        "'MaxTransitions' is not a Flap setting: must be one of Transitions, Window, StablePeriod; did you mean Transitions?")]
    [InlineData("AgentMesh:Agents:gpu-box:Flap:Transitions", "1", "must be a whole number between 2 and 1000")]
    [InlineData("AgentMesh:Agents:gpu-box:Flapp:Transitions", "3",
        "'Flapp' is not a policy: must be one of Flap, Dedup, Session, Circuit, Retry, Watch, AgentId; did you mean Flap?")]
    [InlineData("AgentMesh:Agents:gpu box:Flap:Transitions", "3",
        "'gpu box' is not an agent id (1-64 characters of letters, digits, '.', '_' and '-') nor Defaults; an entry can name its agent with an AgentId setting instead")]
    [InlineData("AgentMesh:Agents:Defaults:Dedup:Cooldown", "forever", "must be a duration between 1s and 168h, like \"5m\" or \"00:05:00\"")]
    [InlineData("AgentMesh:Agents:gpu-box:Circuit:DisableHalfOpen", "sometimes", "must be true or false")]
    [InlineData("AgentMesh:Agents:gpu-box:Retry:MinDelay", "10m",
        "makes Retry:MinDelay (10m) longer than Retry:MaxDelay (5m): the shortest delay must not exceed the longest")]
    [InlineData("AgentMesh:Agents:gpu-box:Flap", "6", "must be a section of Flap settings")]
    [InlineData("AgentMesh:Prices:openai/gpt-4.1:InputPerMillion", "-2", "must be US dollars per million tokens, a number between 0 and 10000")]
    [InlineData("AgentMesh:Prices:openai/gpt-4.1:InputPrice", "2",
        "'InputPrice' is not a price: must be one of InputPerMillion, CachedInputPerMillion, OutputPerMillion, Model")]
    [InlineData("AgentMesh:Prices:local/llama:InputPerMillion", "0", "prices local/llama, which the default price table does not list, so it needs OutputPerMillion too")]
    [InlineData("AgentMesh:Prices:gpt-4.1:InputPerMillion", "2", "'gpt-4.1' is not a model: A model must have the form '<provider>/<model>'; got 'gpt-4.1'.")]
    public void BadValue_InAFile_IsReportedWithItsFullKeyTheFileAndWhatIsAllowed(string key, string value, string requirement)
    {
        var file = _directory.Write("gpu-box.json", ConfigurationFiles.Json((key, value)));

        var report = ConfigurationFiles.Read(_directory, ["--config", file]);

        report.IsValid.Should().BeFalse();
        report.Problems.Select(problem => problem.ToString()).Should().Equal($"{key} = \"{value}\" in {file}: {requirement}");
    }

    [Fact]
    public void BadLimit_FromTheEnvironment_NamesTheVariable()
    {
        var report = ConfigurationFiles.Read(_directory, [], new Dictionary<string, string?>
        {
            ["AGENTMESH__BUDGETS__agent__gpu-box__TokensPerDay"] = "lots",
        });

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Budgets:agent:gpu-box:TokensPerDay = \"lots\" in environment variable AGENTMESH__BUDGETS__agent__gpu-box__TokensPerDay: " +
            "must be a positive whole number of tokens, or none for no limit");
    }

    [Fact]
    public void BadPrice_FromTheCommandLine_SaysSo()
    {
        var report = ConfigurationFiles.Read(_directory, ["--AgentMesh:Prices:openai/gpt-4.1:OutputPerMillion=cheap"]);

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Prices:openai/gpt-4.1:OutputPerMillion = \"cheap\" on the command line: must be US dollars per million tokens, a number between 0 and 10000");
    }

    [Fact]
    public void TwoEntries_ForTheSameScope_AreAnError()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(("AgentMesh:Budgets:agent:gpu-box:TokensPerDay", "1000")));

        var report = ConfigurationFiles.Read(_directory, ["--config", file], new Dictionary<string, string?>
        {
            ["AGENTMESH__BUDGETS__0__SCOPE"] = "agent:gpu-box",
            ["AGENTMESH__BUDGETS__0__TOKENSPERDAY"] = "2000",
        });

        var problem = report.Problems.Should().ContainSingle().Subject.ToString();
        problem.Should().Contain("names scope agent:gpu-box, which").And.Contain("AgentMesh:Budgets:0").And.Contain("AgentMesh:Budgets:agent:gpu-box");
    }

    [Fact]
    public void UnknownKeys_InTheDomainSections_AreErrors_NotWarnings()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(
            ("AgentMesh:Agents:gpu-box:Watch:Intervall", "5m"),
            ("AgentMesh:Budgets:global:TokensPerWeek", "5"),
            ("AgentMesh:Prices:openai/gpt-4.1:Cached", "1")));

        var report = ConfigurationFiles.Read(_directory, ["--config", file]);

        report.Warnings.Should().BeEmpty();
        report.Problems.Select(problem => problem.Key).Should().BeEquivalentTo(
            "AgentMesh:Agents:gpu-box:Watch:Intervall", "AgentMesh:Budgets:global:TokensPerWeek", "AgentMesh:Prices:openai/gpt-4.1:Cached");
    }

    [Fact]
    public void NodeWithABadBudget_DoesNotStart_AndExitsWithInvalidConfiguration()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(("AgentMesh:Budgets:agent:gpu-box:TokensPerDay", "0")));

        var create = () => NodeHost.Create(TestNode.Arguments(_directory, ["config=" + file]), TestNode.Options(_directory, TextWriter.Null));

        create.Should().Throw<NodeStartupException>().Which.Should().Match<NodeStartupException>(exception =>
            exception.ExitCode == NodeExitCode.InvalidConfiguration
            && exception.Message.Contains($"AgentMesh:Budgets:agent:gpu-box:TokensPerDay = \"0\" in {file}", StringComparison.Ordinal));
    }

    [Fact]
    public void GoodFile_BindsPoliciesBudgetsAndPrices_LayeredWithTheEnvironment()
    {
        var file = _directory.Write("node.json", """
            {
              "AgentMesh": {
                "Agents": {
                  "Defaults": { "Flap": { "Window": "5m" } },
                  "gpu-box": { "Flap": { "Transitions": 6 }, "Circuit": { "HalfOpenAfter": "15m" } },
                  "mac-mini": {}
                },
                "Budgets": {
                  "global": { "TokensPerDay": 50000000, "CostPerDayUsd": 200 },
                  "Defaults": { "agent": { "SpawnsPerHour": 10 } },
                  "agent:gpu-box": { "TokensPerDay": 20000000, "TokensPerMinute": "none" },
                  "model:ollama/llama3:8b": { "TokensPerMinute": 1000000 }
                },
                "Prices": {
                  "openai/gpt-4.1": { "InputPerMillion": 1.5 },
                  "local/llama3:8b": { "InputPerMillion": 0, "OutputPerMillion": 0.25 }
                }
              }
            }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["AGENTMESH__AGENTS__LAPTOP__AGENTID"] = "lap-top.1",
            ["AGENTMESH__AGENTS__LAPTOP__CIRCUIT__FAILURETHRESHOLD"] = "5",
            ["AGENTMESH__BUDGETS__0__SCOPE"] = "node:mac-mini",
            ["AGENTMESH__BUDGETS__0__COSTPERDAYUSD"] = "25",
            ["AGENTMESH__BUDGETS__GLOBAL__SOFTFRACTION"] = "0.9",
        };

        var report = ConfigurationFiles.Read(_directory, ["--config", file], environment);

        report.Problems.Should().BeEmpty();
        report.Warnings.Should().BeEmpty();
        var options = report.Options!;

        options.Agents.Defaults.Flap.Window.Should().Be(TimeSpan.FromMinutes(5));
        options.Agents.Overrides.Keys.Should().BeEquivalentTo("gpu-box", "mac-mini", "lap-top.1");
        var gpuBox = options.Agents.For(new AgentId("gpu-box"));
        gpuBox.Flap.Transitions.Should().Be(6);
        gpuBox.Flap.Window.Should().Be(TimeSpan.FromMinutes(5), "an override changes only what it sets");
        gpuBox.Circuit.HalfOpenAfter.Should().Be(TimeSpan.FromMinutes(15));
        options.Agents.For(new AgentId("mac-mini")).Should().Be(options.Agents.Defaults);
        options.Agents.For(new AgentId("lap-top.1")).Circuit.FailureThreshold.Should().Be(5);

        var budgets = options.Budgets;
        budgets.LimitsFor(BudgetScope.Global).Should().Be((
            new BudgetLimits { TokensPerDay = 50_000_000, CostPerDayUsd = 200m, SoftFraction = 0.9m }, BudgetLimitsSource.Configuration));
        var agentDefaults = BudgetLimits.AgentDefault with { SpawnsPerHour = 10 };
        budgets.LimitsFor(new BudgetScope("agent:other")).Should().Be((agentDefaults, BudgetLimitsSource.Default));
        budgets.LimitsFor(new BudgetScope("agent:gpu-box")).Limits.Should().Be(agentDefaults with { TokensPerDay = 20_000_000, TokensPerMinute = null });
        budgets.LimitsFor(new BudgetScope("model:ollama/llama3:8b")).Limits.Should().Be(new BudgetLimits { TokensPerMinute = 1_000_000 });
        budgets.LimitsFor(new BudgetScope("node:mac-mini")).Limits.Should().Be(new BudgetLimits { CostPerDayUsd = 25m });

        options.Prices.Prices[new ModelKey("openai", "gpt-4.1")].Should().Be(new ModelPrice(1.5m, 0.50m, 8.00m));
        options.Prices.Prices[new ModelKey("local", "llama3:8b")].Should().Be(new ModelPrice(0m, 0m, 0.25m));
        options.Prices.Prices[new ModelKey("openai", "gpt-4o")].Should().Be(PriceTable.Default.Prices[new ModelKey("openai", "gpt-4o")]);
    }

    [Theory]
    [InlineData("single-node.json")]
    [InlineData("mac-mini.json")]
    [InlineData("gpu-box.json")]
    public void ShippedClusterConfig_IsValid_WithoutWarnings(string name)
    {
        var file = Path.Combine(RepositoryRoot(), "cluster-config", name);
        var tokens = new Dictionary<string, string?>
        {
            ["AGENTMESH__AUTH__ADMINTOKEN"] = "admin-token-0123456789",
            ["AGENTMESH__AUTH__AGENTTOKEN"] = "agent-token-0123456789",
        };

        var report = ConfigurationFiles.Read(_directory, ["--config", file], tokens);

        report.Problems.Should().BeEmpty();
        report.Warnings.Should().BeEmpty();
        report.Options!.Agents.Overrides.Should().NotBeEmpty();
        report.Options.Budgets.Scopes.Should().ContainKey(BudgetScope.Global);
    }

    [Fact]
    public void NoDomainSections_GiveTheBuiltInDefaults()
    {
        var options = ConfigurationFiles.Read(_directory, []).Options!;

        options.Agents.Should().BeEquivalentTo(new Orchestration.Policies.AgentPolicies());
        options.Budgets.Scopes.Should().BeEmpty();
        options.Budgets.Defaults.Should().BeEmpty();
        options.Prices.Should().BeSameAs(PriceTable.Default);
    }

    public void Dispose() => _directory.Dispose();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "cluster-config")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException($"No cluster-config directory above {AppContext.BaseDirectory}.");
    }
}
