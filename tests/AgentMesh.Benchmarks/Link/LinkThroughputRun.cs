using System.Diagnostics;

namespace AgentMesh.Benchmarks.Link;

/// <summary>
/// <c>dotnet run -c Release -- link [senders] [rounds] [spread]</c>: the link benchmark's two workloads timed
/// with a stopwatch, round after round, without BenchmarkDotNet — to watch a trend while the inbox
/// grows, or to attach a profiler (<c>dotnet-trace collect -p</c>) to one process.
/// </summary>
internal static class LinkThroughputRun
{
    public static void Run(int senders, int rounds, bool spread)
    {
        var benchmark = new LinkThroughputBenchmarks { Senders = senders, OneRecipientPerSender = spread };
        benchmark.SetUp();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                benchmark.NextRound();
                var echo = Time(benchmark.RawWebSocketEcho);
                var link = Time(benchmark.AgentLinkSend);
                Console.WriteLine(
                    $"round {round}: {senders} senders ({(spread ? "one recipient each" : "one recipient")}) × window {LinkThroughputBenchmarks.Window}: raw echo {LinkThroughputBenchmarks.Messages / echo.TotalSeconds:N0} msg/s, " +
                    $"agent link {LinkThroughputBenchmarks.Messages / link.TotalSeconds:N0} msg/s, ratio {echo / link:F3}");
            }
        }
        finally
        {
            benchmark.CleanUp();
        }
    }

    private static TimeSpan Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }
}
