using System.Diagnostics;

namespace AgentMesh.Benchmarks.Link;

/// <summary>
/// <c>dotnet run -c Release -- link [senders] [rounds] [spread]</c>: the link benchmark's two workloads timed
/// with a stopwatch, round after round, without BenchmarkDotNet — to watch a trend while the inbox
/// grows, or to attach a profiler (<c>dotnet-trace collect -p</c>) to one process.
/// </summary>
internal static class LinkThroughputRun
{
    public static void Run(int senders, int rounds, bool spread, bool allocations = false)
    {
        using var sampler = allocations ? new Orchestration.AllocationSampler() : null;
        var benchmark = new LinkThroughputBenchmarks { Senders = senders, OneRecipientPerSender = spread };
        benchmark.SetUp();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                benchmark.NextRound();
                var (echo, echoCpu) = Time(benchmark.RawWebSocketEcho);
                sampler?.Start();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var workItems = ThreadPool.CompletedWorkItemCount;
                var paused = GC.GetTotalPauseDuration();
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                var (link, linkCpu) = Time(benchmark.AgentLinkSend);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                workItems = ThreadPool.CompletedWorkItemCount - workItems;
                paused = GC.GetTotalPauseDuration() - paused;
                collections = [GC.CollectionCount(0) - collections[0], GC.CollectionCount(1) - collections[1], GC.CollectionCount(2) - collections[2]];
                sampler?.Stop();
                const int Messages = LinkThroughputBenchmarks.Messages;
                Console.WriteLine(
                    $"round {round}: {senders} senders ({(spread ? "one recipient each" : "one recipient")}) × window {LinkThroughputBenchmarks.Window}: " +
                    $"raw echo {Messages / echo.TotalSeconds:N0} msg/s ({echoCpu.TotalMicroseconds / Messages:F1} µs CPU each), " +
                    $"agent link {Messages / link.TotalSeconds:N0} msg/s ({linkCpu.TotalMicroseconds / Messages:F1} µs CPU and {allocated / Messages:N0} B allocated and {(double)workItems / Messages:F1} pool work items each, {linkCpu / link:F2} cores busy, {ThreadPool.ThreadCount} pool threads; GC paused {paused / link:P0} of the time, collections {collections[0]}/{collections[1]}/{collections[2]}), ratio {echo / link:F3}");
            }
        }
        finally
        {
            benchmark.CleanUp();
        }

        if (sampler is not null)
        {
            var sampled = sampler.Top(int.MaxValue).Sum(entry => entry.Bytes);
            Console.WriteLine("Allocations by type during the agent link rounds (sampled every ~100 KB):");
            foreach (var (type, bytes) in sampler.Top(30))
            {
                Console.WriteLine($"  {100.0 * bytes / sampled,5:F1}%  {type}");
            }
        }
    }

    /// <summary>Wall time and the process's CPU time (all threads: senders, node and store) of one workload.</summary>
    private static (TimeSpan Wall, TimeSpan Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        var wall = stopwatch.Elapsed;
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpu);
    }
}
