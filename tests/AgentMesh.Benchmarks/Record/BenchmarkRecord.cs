using System.Diagnostics;
using System.Reflection;
using AgentMesh.Benchmarks.Kernel;
using AgentMesh.Benchmarks.Persistence;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AgentMesh.Benchmarks.Record;

/// <summary>
/// <c>dotnet run -c Release -- record [--out FILE] [--only AREA,...]</c>: runs every suite (a short job
/// each), the idle-memory and recovery measurements, and rewrites docs/benchmarks.md with the figures,
/// their ratios to the in-run baselines, the targets met or not, the machine and the date.
/// </summary>
public static class BenchmarkRecord
{
    /// <summary>Suites by area: the namespace folder under tests/AgentMesh.Benchmarks.</summary>
    private static readonly string[] Areas = ["Kernel", "Persistence", "Orchestration", "Budgets", "Link"];

    public static async Task<int> RunAsync(string[] args)
    {
        var output = Option(args, "--out") ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = only?.Where(area => !Areas.Contains(area, StringComparer.OrdinalIgnoreCase)).ToArray() ?? [];
        if (unknown.Length > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown area(s) {string.Join(", ", unknown)} in --only; the areas are {string.Join(", ", Areas)}.");
            return 2;
        }

        bool Wanted(string area) => only is null || only.Contains(area, StringComparer.OrdinalIgnoreCase);
        var machine = MachineDescription.Read();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var run = new RunResults();
        // In process: no generated project to build per run (a build under load hit BenchmarkDotNet's
        // two-minute build timeout), and the suites' set-ups are synchronous, as this toolchain needs.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short"));

        // One BenchmarkDotNet run for every suite: it builds the benchmark executable once, not once per suite.
        var suites = Areas.Where(Wanted).SelectMany(SuitesOf).ToArray();
        Progress($"{suites.Length} suites: {string.Join(", ", suites.Select(suite => suite.Name))}");
        try
        {
            foreach (var summary in BenchmarkRunner.Run(suites, config))
            {
                Collect(run, summary);
            }
        }
        catch (Exception ex)
        {
            run.Failures.Add($"BenchmarkDotNet: {ex.GetType().Name}: {ex.Message}");
        }

        if (Wanted("Kernel"))
        {
            Progress("Kernel: retained memory per idle actor");
            run.IdleMemory = await IdleActorMemory.MeasureAsync();
        }

        if (Wanted("Persistence"))
        {
            foreach (var backend in new[] { Backend.Sqlite, Backend.PostgreSql })
            {
                Progress($"Persistence: recovery of {ActorRecovery.Actors:N0} actors on {backend}");
                try
                {
                    run.Recovery[backend.ToString()] = await ActorRecovery.MeasureAsync(backend);
                }
                catch (Exception ex)
                {
                    run.Failures.Add($"recovery on {backend}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        var command = "tools/benchmarks.sh" + (only is null ? "" : $" --only {string.Join(',', only)}");
        var page = BenchmarkPage.Render(run, machine, started, clock.Elapsed, MachineDescription.ReadLoadAverage(), command);
        await File.WriteAllTextAsync(output, page);
        Progress($"wrote {output}");
        foreach (var target in Targets.All)
        {
            var figure = target.Find(run);
            Console.WriteLine($"{(figure is null ? "not run" : target.Met(figure) ? "met    " : "NOT MET"),-8} {target.Area}: {target.What}: {figure?.Text}");
        }

        return run.Failures.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<Type> SuitesOf(string area) =>
        typeof(BenchmarkRecord).Assembly.GetTypes()
            .Where(type => type.Namespace == $"AgentMesh.Benchmarks.{area}" && type is { IsAbstract: false, IsPublic: true })
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(type => type.Name, StringComparer.Ordinal);

    private static void Collect(RunResults run, Summary summary)
    {
        var reports = summary.Reports.Where(report => report.ResultStatistics is not null).ToList();
        foreach (var report in summary.Reports.Where(report => report.ResultStatistics is null))
        {
            run.Failures.Add($"{report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name} {report.BenchmarkCase.Parameters.DisplayInfo}: no result (see the BenchmarkDotNet log)");
        }

        foreach (var report in reports)
        {
            var benchmark = report.BenchmarkCase;
            var parameters = benchmark.Parameters.DisplayInfo;
            var baseline = reports.FirstOrDefault(other =>
                other.BenchmarkCase.Descriptor.Baseline && other.BenchmarkCase.Parameters.DisplayInfo == parameters);
            run.Cases.Add(new CaseResult(
                benchmark.Descriptor.Type.Namespace?.Split('.')[^1] ?? "",
                benchmark.Descriptor.Type.Name,
                benchmark.Descriptor.WorkloadMethod.Name,
                parameters.Trim('[', ']'),
                benchmark.Descriptor.Baseline,
                report.ResultStatistics!.Mean, // filtered above
                report.ResultStatistics.Median,
                report.GcStats.GetBytesAllocatedPerOperation(benchmark),
                baseline?.ResultStatistics?.Mean));
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The directory holding AgentMesh.sln, found upwards from the working directory.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgentMesh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the record from inside the repository (no AgentMesh.sln above the working directory), or give --out.");
    }

    private static void Progress(string what) => Console.WriteLine($"// record: {what}");
}
