using System.CommandLine;
using AgentMesh.Cli.Rendering;
using AgentMesh.Cli.Simulation;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh simulate &lt;scenario | file.json&gt;</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context, CliOutput output)
    {
        var scenario = new Argument<string>("scenario")
        {
            Description = $"A built-in scenario ({string.Join(", ", BuiltInScenarios.Names)}) or a scenario file (docs/simulate.md)",
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the scenario's random gaps [default: the scenario's]", HelpName = "n" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of the table" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write the cumulative tokens of both runs over simulated time to this CSV file", HelpName = "file" };
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML page with the token chart and the table", HelpName = "file" };
        var command = new Command("simulate", """
            Replay an incident on a simulated clock through the real actors, orchestration and budgets (on a
            temporary SQLite file), fast: 15 simulated hours in seconds. The same traffic also goes through a
            forward-everything bridge model (every message forwarded, each a fresh session loading the full
            context, no dedup, no circuit); both are printed side by side with the scenario's targets.
            """)
        {
            scenario, seed, json, csv, report,
        }.WithExamples(
            "agentmesh simulate onboarding-loop",
            "agentmesh simulate restart-loop --json",
            "agentmesh simulate idle-nudge --report idle-nudge.html --csv idle-nudge.csv",
            "agentmesh simulate my-incident.json --seed 7");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var loaded = Load(parseResult.GetValue(scenario)!); // An argument with arity one always has a value.
            var csvFile = parseResult.GetValue(csv);
            var reportFile = parseResult.GetValue(report);
            CheckWritable(csvFile, "--csv");
            CheckWritable(reportFile, "--report");

            var result = await SimulationRunner.RunAsync(loaded, parseResult.GetValue(seed), cancellationToken);
            if (csvFile is not null)
            {
                await File.WriteAllTextAsync(csvFile.FullName, SimulationCsv.Write(result), cancellationToken);
            }

            if (reportFile is not null)
            {
                await File.WriteAllTextAsync(reportFile.FullName, SimulationReport.Write(result), cancellationToken);
            }

            // A scenario's targets are its assertions: a missed one fails the command, so that a script
            // or CI job replaying an incident notices.
            var exitCode = result.Targets.All(target => target.Met) ? ExitCodes.Ok : ExitCodes.TargetNotMet;
            if (parseResult.GetValue(json))
            {
                await context.Output.WriteLineAsync(SimulationJson.Serialize(result));
                return exitCode;
            }

            output.Write(SimulationTable.Render(result));
            foreach (var (file, what) in new[] { (csvFile, "CSV"), (reportFile, "report") })
            {
                if (file is not null)
                {
                    output.Line($"Wrote the {what} to {file.FullName}");
                }
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>A built-in name, else a file; a bad file is a usage error naming every bad field, and nothing is written.</summary>
    private static Scenario Load(string nameOrPath)
    {
        try
        {
            if (BuiltInScenarios.IsBuiltIn(nameOrPath))
            {
                return BuiltInScenarios.Load(nameOrPath);
            }

            if (!File.Exists(nameOrPath))
            {
                throw new CliException(
                    ExitCodes.Usage,
                    $"'{nameOrPath}' is neither a built-in scenario ({string.Join(", ", BuiltInScenarios.Names)}) nor a scenario file");
            }

            return ScenarioReader.Read(File.ReadAllText(nameOrPath), nameOrPath);
        }
        catch (ScenarioException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message, e);
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read the scenario file {nameOrPath}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read the scenario file {nameOrPath}: {e.Message}", e);
        }
    }

    private static void CheckWritable(FileInfo? file, string option)
    {
        if (file?.Directory is { Exists: false } directory)
        {
            throw new CliException(ExitCodes.Usage, $"{option}: the directory {directory.FullName} does not exist");
        }
    }
}
