namespace AgentMesh.Benchmarks.Record;

/// <summary>
/// Figures others published (or measured for an issue) for the suites here, with their sources, so a
/// reader sees where AgentMesh stands. Different hardware unless stated: compare ratios, not raw numbers.
/// </summary>
public static class PublishedFigures
{
    public static IReadOnlyList<(string Suite, string Figure, string Source)> All { get; } =
    [
        ("in-process ping-pong, ratio to a raw `Channel<T>` ping-pong",
            "Akka.NET 1.5.27: 1.04× (1 pair), 2.20× (4 pairs)",
            "built from source for net10.0 and run against the same baseline on this kind of machine (2 cores), as recorded in the kernel issue"),
        ("in-process ping-pong, messages/s",
            "Akka.NET: ~30,000,000 msg/s (Proto.Actor C#: ~125,000,000)",
            "proto.actor, Performance and Benchmarks (http://proto.actor/docs/performance); hardware not stated"),
        ("retained memory per idle actor",
            "Akka.NET 1.5.27: 1,720 B (a bare channel-plus-loop actor: 1,296 B)",
            "measured for the kernel issue on this kind of machine"),
        ("Akka.Persistence.Sql on PostgreSQL 15, `Persist` (one event at a time, waiting for each)",
            "368 msg/s",
            "akkadotnet/Akka.Persistence.Sql, docs/articles/benchmarks.md, 2024-08-29, Ryzen 9 3900X, PostgreSQL in Docker/WSL2"),
        ("Akka.Persistence.Sql on PostgreSQL 15, `PersistGroup100` (100 actors persisting concurrently)",
            "3,698 msg/s (tag table: 9,431)",
            "same source"),
        ("Akka.Persistence.Sql on PostgreSQL 15, recovery",
            "78,549 msg/s (tag table: 114,976)",
            "same source"),
        ("Akka.Remote (DotNetty transport, batching on), messages/s between two nodes",
            "107,759 (1 client) to 193,611 (10 clients)",
            "getakka.net, Akka.Remote Performance Optimization (articles/remoting/performance.html), v1.4.14, Ryzen 7 1700, .NET Core 3.1"),
        ("a forward-everything bridge's dedup, per message",
            "~5 ms",
            "the field report behind the agent-life issue"),
    ];
}
