using AgentMesh.Cli.Simulation;

namespace AgentMesh.Cli.Tests.Simulation;

/// <summary>Scenario files: the documented format read back, and every bad field reported by its JSON path before anything runs.</summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"agentmesh-scenarios-{Guid.NewGuid():N}");

    public ScenarioFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000},{"id":"b","contextTokens":-5}]}""", "$.agents[1].contextTokens: must be a positive integer")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000,"contextTokes":5}]}""", "$.agents[0].contextTokes: is not a field of this object")]
    [InlineData("""{"name":"x","duration":"soon","agents":[{"id":"a","contextTokens":1000}]}""", "$.duration: must be a duration")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"links":[{"agent":"ghost","up":"10s","down":"1m"}]}""", "$.links[0].agent: 'ghost' is not an agent of the scenario")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"messages":[{"from":"a","to":"room:nowhere","every":"1m","body":"hi"}]}""", "$.messages[0].to: 'room:nowhere' is not a room any scenario agent joins")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"messages":[{"from":"b","to":"a","every":["2m","1m"],"body":"hi"}]}""", "$.messages[0].every: the range's max is below its min")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"messages":[{"from":"b","to":"a","body":"hi"}]}""", "$.messages[0].at: one of at, every and onLinkUp is required")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"polls":[{"agent":"a","every":"1s"}]}""", "$.polls[0].every: must be at least 10s")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"prices":[{"model":"gpt-4o","input":1,"output":2}]}""", "$.prices[0].model: A model must have the form '<provider>/<model>'")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}],"targets":[{"label":"l","figure":"agentmesh.speed","atMost":1}]}""", "$.targets[0].figure: 'agentmesh.speed' is not a figure")]
    [InlineData("""{"name":"x","duration":"1h","agents":[]}""", "$.agents: must not be empty")]
    [InlineData("""{"name":"x","duration":"1h","agents":[{"id":"a","contextTokens":1000}""", "is not valid JSON")]
    public async Task Simulate_RejectsABadField_WithItsPath_ExitCode64_AndWritesNothing(string json, string expected)
    {
        var file = Write("bad.json", json);
        var csv = Path.Combine(_directory, "out.csv");
        var report = Path.Combine(_directory, "out.html");

        var run = await CliRun.RunAsync("simulate", file, "--csv", csv, "--report", report);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain(expected);
        run.Output.Should().BeEmpty();
        File.Exists(csv).Should().BeFalse();
        File.Exists(report).Should().BeFalse();
    }

    [Fact]
    public void Reader_ReportsEveryBadField_AtOnce()
    {
        var json = """
            {"name":"Bad Name","duration":"0s","agents":[{"id":"a b","contextTokens":0}],
             "failures":[{"agent":"a","start":"2h","end":"1h"}],"extra":true}
            """;

        var problems = FluentActions.Invoking(() => ScenarioReader.Read(json, "bad.json"))
            .Should().Throw<ScenarioException>().Which.Problems.Select(p => p.Path).ToList();

        problems.Should().Contain(["$.name", "$.duration", "$.agents[0].id", "$.agents[0].contextTokens", "$.failures[0].agent", "$.extra"]);
    }

    [Fact]
    public void EveryBuiltInScenario_IsAValidScenarioFile()
    {
        foreach (var name in BuiltInScenarios.Names)
        {
            var scenario = BuiltInScenarios.Load(name);
            scenario.Name.Should().Be(name);
            scenario.Targets.Should().NotBeEmpty($"{name} is checked against the targets of its field report");
        }
    }

    [Fact]
    public async Task Simulate_RunsAUserScenarioFile_WithEverySection()
    {
        var file = Write("my-incident.json", """
            {
              // Comments and trailing commas are allowed.
              "name": "my-incident",
              "title": "A reviewer on a flaky link, a chatty CI bot and a cheap model",
              "duration": "2h",
              "seed": 9,
              "model": "local/llama-3.1-8b",
              "agents": [
                { "id": "reviewer", "contextTokens": 20000, "turnInputTokens": 300, "outputTokens": 200, "cachesContext": false, "turnTime": "2s", "rooms": ["ci"] },
                { "id": "ci-bot", "human": true, "rooms": ["ci"] },
              ],
              "links": [ { "agent": "reviewer", "start": "30m", "end": "40m", "up": "0s", "down": "5m" } ],
              "messages": [
                { "from": "ci-bot", "to": "room:ci", "every": ["4m", "6m"], "body": "build {n} finished", "copies": 2, "copiesWithin": "1s" },
                { "from": "github", "to": "reviewer", "at": "1h", "body": "please review PR 42", "sessionKey": "pr-42" }
              ],
              "failures": [ { "agent": "reviewer", "start": "1h30m", "end": "1h40m", "retryable": true, "error": "HTTP 503" } ],
              "polls": [],
              "prices": [ { "model": "local/llama-3.1-8b", "input": 0.05, "cachedInput": 0.05, "output": 0.1 } ],
              "targets": [ { "label": "no repeat reaches the model", "figure": "agentmesh.duplicatesDropped", "equalTo": "traffic.copies" } ],
            }
            """);

        var run = await CliRun.RunAsync("simulate", file, "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        var result = SimulationJson.Deserialize(run.Output)!;
        result.Scenario.Should().Be("my-incident");
        result.Seed.Should().Be(9);
        result.Traffic.LinkTransitions.Should().Be(4, "two five-minute outages between 0:30 and 0:40");
        result.AgentMesh.DuplicatesDropped.Should().Be(result.Traffic.Copies);
        result.AgentMesh.Costs.Should().Contain(c => c.Model == "local/llama-3.1-8b" && c.Usd > 0);
        result.Targets.Should().ContainSingle().Which.Met.Should().BeTrue();
    }

    [Fact]
    public async Task Simulate_ABuiltInScenarioWrittenToAFile_GivesTheSameFigures()
    {
        var file = Write("restart-loop.json", BuiltInScenarios.Text("restart-loop"));

        var fromFile = await CliRun.RunAsync("simulate", file, "--json");
        var builtIn = await CliRun.RunAsync("simulate", "restart-loop", "--json");

        fromFile.ExitCode.Should().Be(ExitCodes.Ok, fromFile.Error);
        var a = SimulationJson.Deserialize(fromFile.Output)!;
        var b = SimulationJson.Deserialize(builtIn.Output)!;
        SimulationJson.Serialize(a with { WallSeconds = 0 }).Should().Be(SimulationJson.Serialize(b with { WallSeconds = 0 }));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
