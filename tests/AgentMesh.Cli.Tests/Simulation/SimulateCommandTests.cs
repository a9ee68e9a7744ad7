using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentMesh.Cli.Simulation;
using AgentMesh.Node.Dashboard;

namespace AgentMesh.Cli.Tests.Simulation;

/// <summary><c>agentmesh simulate</c> end to end, in-process: the table, <c>--json</c>, <c>--csv</c> and <c>--report</c>.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"agentmesh-simulate-{Guid.NewGuid():N}");

    public SimulateCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_PrintsBothRunsSideBySide_TheTargets_AndTheWallTime()
    {
        var run = await CliRun.RunAsync("simulate", "restart-loop");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        Row(run.Output, "sessions spawned").Should().MatchRegex(@"^1 │ \d{3}$");
        Row(run.Output, "failed runs").Should().StartWith("3 │");
        Row(run.Output, "time to first alert").Should().MatchRegex(@"^\d:\d\d \(circuit-open\) │ never$");
        Row(run.Output, "cost at anthropic/claude-sonnet-4").Should().MatchRegex(@"^\$\d+\.\d\d │ \$\d+\.\d\d$");
        run.Output.Should().Contain("met: at most 3 failed runs under AgentMesh").And.NotContain("NOT MET")
            .And.MatchRegex(@"Simulated 5:00:00 through the real actors and a SQLite store in \d+\.\d\d s of wall time\.");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Simulate_Json_IsTheWholeResult_AndParsesBack()
    {
        var run = await CliRun.RunAsync("simulate", "idle-nudge", "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        root.GetProperty("scenario").GetString().Should().Be("idle-nudge");
        root.GetProperty("agentMesh").GetProperty("modelCalls").GetInt64().Should().Be(1);
        root.GetProperty("bridge").GetProperty("modelCalls").GetInt64().Should().Be(45);
        root.GetProperty("agentMesh").GetProperty("firstAlertSeconds").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("targets").EnumerateArray().Should().OnlyContain(t => t.GetProperty("met").GetBoolean());
        var result = SimulationJson.Deserialize(run.Output)!;
        result.Bridge.PollTickInputs.Should().HaveCount(45);
        result.AgentMesh.Costs.Select(c => c.Model).Should().Contain("anthropic/claude-sonnet-4").And.Contain("openai/gpt-4o");
    }

    [Fact]
    public async Task Simulate_WritesTheCsv_AndASelfContainedReport()
    {
        var csv = Path.Combine(_directory, "idle.csv");
        var report = Path.Combine(_directory, "idle.html");

        var run = await CliRun.RunAsync("simulate", "idle-nudge", "--csv", csv, "--report", report);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Output.Should().Contain($"Wrote the CSV to {csv}").And.Contain($"Wrote the report to {report}");

        var lines = await File.ReadAllLinesAsync(csv);
        lines[0].Should().Be(SimulationCsv.Header);
        lines.Should().HaveCount(SeriesGrid.Steps + 2);
        var last = lines[^1].Split(',');
        last[0].Should().Be("27000");
        long.Parse(last[1], CultureInfo.InvariantCulture).Should().Be(42_000, "AgentMesh's one session: 40,000 context and a 2,000-token turn");
        long.Parse(last[4], CultureInfo.InvariantCulture).Should().Be(6_840_000, "45 ticks, each re-reading 40,000 + 5,000 per earlier tick + 2,000");
        var bridgeInputs = lines.Skip(1).Select(l => long.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToList();
        bridgeInputs.Should().BeInAscendingOrder();

        var page = await File.ReadAllTextAsync(report);
        page.Should().StartWith("<!DOCTYPE html>").And.Contain(ChartLibrary.Script).And.Contain(ChartLibrary.Stylesheet)
            .And.Contain("new uPlot(").And.Contain("\"bridge\":[0,").And.Contain("6,840,000").And.Contain("sessions spawned");
        var addresses = Regex.Matches(page, @"https?://[^\s""')]+").Select(m => m.Value).Distinct().ToList();
        addresses.Should().Equal(["https://github.com/leeoniya/uPlot"], "the page needs no network: the only address is the library's own header comment");
        page.Should().NotContain("<script src").And.NotContain("<link ");
    }

    [Fact]
    public async Task Simulate_ExitsWithTargetNotMet_WhenAScenarioTargetIsMissed()
    {
        // The built-in restart loop, with a target nobody can meet: no failed run at all.
        var scenario = System.Text.Json.Nodes.JsonNode.Parse(BuiltInScenarios.Text("restart-loop"))!.AsObject();
        scenario["targets"] = System.Text.Json.Nodes.JsonNode.Parse("""[{ "label": "no failed run", "figure": "agentmesh.failedRuns", "atMost": 0 }]""");
        var directory = Directory.CreateTempSubdirectory("agentmesh-simulate-");
        try
        {
            var file = Path.Combine(directory.FullName, "impossible.json");
            await File.WriteAllTextAsync(file, scenario.ToJsonString());

            var run = await CliRun.RunAsync("simulate", file);

            run.ExitCode.Should().Be(ExitCodes.TargetNotMet);
            run.Output.Should().Contain("no failed run").And.Contain("NOT MET");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_RefusesAnUnknownScenario_WithTheBuiltInNames()
    {
        var run = await CliRun.RunAsync("simulate", "no-such-incident");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("'no-such-incident' is neither a built-in scenario (onboarding-loop, restart-loop, idle-nudge, design-storm, duplicate-updates, subagent-fanout) nor a scenario file");
    }

    [Fact]
    public async Task Simulate_Help_ListsTheBuiltInScenarios_AndExamples()
    {
        var run = await CliRun.RunAsync("simulate", "--help");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Output.Should().Contain("onboarding-loop, restart-loop, idle-nudge").And.Contain("--report").And.Contain("agentmesh simulate onboarding-loop");
    }

    /// <summary>The AgentMesh and bridge cells of one row of the table, e.g. "1 │ 398".</summary>
    private static string Row(string output, string label)
    {
        var match = Regex.Match(output, $@"│ {Regex.Escape(label)} +│ +(?<mesh>[^│]+?) +│ +(?<bridge>[^│]+?) +│");
        match.Success.Should().BeTrue($"the table has a row '{label}'");
        return $"{match.Groups["mesh"].Value} │ {match.Groups["bridge"].Value}";
    }
}
