using System.Diagnostics;

namespace AgentMesh.Benchmarks.Orchestration;

/// <summary>
/// A diagnostic, not a benchmark: runs rounds of <see cref="GuardPathBenchmarks"/> by hand and prints,
/// per message, wall time, process CPU time, collector pause time, bytes allocated and thread-pool work
/// items, so that a slow guard path can be told apart into work, collection and waiting.
/// </summary>
internal static class GuardPathProfile
{
    public static void Run(int rounds, bool allocations)
    {
        using var sampler = allocations ? new AllocationSampler() : null;
        var bench = new GuardPathBenchmarks();
        bench.SetUp();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                bench.NewBodies();
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var pause = GC.GetTotalPauseDuration();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var workItems = ThreadPool.CompletedWorkItemCount;
                var appends = bench.Journal.Appends;
                var wall = Stopwatch.StartNew();
                sampler?.Start();
                bench.AcceptThroughGuardPath();
                sampler?.Stop();
                var elapsed = wall.Elapsed;
                process.Refresh();
                double PerMessage(double total) => total / GuardPathBenchmarks.Messages;
                Console.WriteLine(
                    $"round {round,2}: {PerMessage(elapsed.TotalMicroseconds),6:F2} µs/message wall, " +
                    $"{PerMessage((process.TotalProcessorTime - cpu).TotalMicroseconds),6:F2} µs CPU, " +
                    $"{PerMessage((GC.GetTotalPauseDuration() - pause).TotalMicroseconds),5:F2} µs GC pause, " +
                    $"{PerMessage(GC.GetTotalAllocatedBytes(precise: true) - allocated),6:F0} B allocated, " +
                    $"{PerMessage(ThreadPool.CompletedWorkItemCount - workItems),4:F2} pool items, " +
                    $"{bench.Journal.Appends - appends} appends, " +
                    $"heap {GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024),4} MiB");
            }
        }
        finally
        {
            bench.CleanUp();
        }

        if (sampler is not null)
        {
            var sampled = sampler.Top(int.MaxValue).Sum(entry => entry.Bytes);
            Console.WriteLine("Allocations by type (sampled every ~100 KB), share of the measured bursts:");
            foreach (var (type, bytes) in sampler.Top(25))
            {
                Console.WriteLine($"  {100.0 * bytes / sampled,5:F1}%  {type}");
            }
        }
    }
}
