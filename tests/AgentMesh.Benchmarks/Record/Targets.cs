using System.Globalization;

namespace AgentMesh.Benchmarks.Record;

/// <summary>
/// The project's performance targets, each taken from the issue that set it, and how a run's figures
/// are judged against them. A target whose suite did not run is listed as "not run", never dropped.
/// </summary>
public static class Targets
{
    public static IReadOnlyList<Target> All { get; } =
    [
        RatioAtLeast("Kernel", "ping-pong between two actors (2,000,000 messages)", "PingPongBenchmarks", "Actors", ["Pairs=1"], "`Channel<T>` ping-pong", 1.1),
        RatioAtLeast("Kernel", "ping-pong across 4 pairs", "PingPongBenchmarks", "Actors", ["Pairs=4"], "`Channel<T>` ping-pong", 2.4),
        new Target(
            "Kernel",
            "retained memory per idle actor (100,000 idle children, full GC)",
            run => run.IdleMemory is { } memory
                ? new Figure($"{memory.Actor:N0} B", memory.Actor, $"channel-plus-loop actor: {memory.ChannelLoop:N0} B", memory.ChannelLoop / memory.Actor)
                : null,
            "≤ 300 B",
            figure => figure.Value <= 300),
        new Target(
            "Kernel",
            "tell from outside the system, bytes allocated per message",
            run => run.Case("TellBenchmarks", "TellFromOutside") is { AllocatedBytes: { } bytes } tell
                ? new Figure($"{bytes:N0} B/message ({Time(tell.MeanNs)}/message)", bytes)
                : null,
            "0 B",
            figure => figure.Value < 1),
        RatioAtLeast("Kernel", "spawn 10,000 actors until each ran `PreStart`", "SpawnBenchmarks", "SpawnActors", [], "channel-plus-loop actors", 1.0),

        RatioAtLeast("Persistence", "one writer appending sequentially, SQLite", "SequentialAppendBenchmarks", "JournalAppend", ["Sqlite"], "raw one-row-per-transaction INSERT loop", 0.7),
        RatioAtLeast("Persistence", "one writer appending sequentially, PostgreSQL", "SequentialAppendBenchmarks", "JournalAppend", ["PostgreSql"], "raw one-row-per-transaction INSERT loop", 0.7),
        Concurrent("Sqlite", "SQLite"),
        Concurrent("PostgreSql", "PostgreSQL"),
        RateAtLeast("Persistence", "replay of 100,000 events, SQLite", "ReplayBenchmarks", "JournalReplay", ["Sqlite"], "events/s", 200_000),
        RateAtLeast("Persistence", "replay of 100,000 events, PostgreSQL", "ReplayBenchmarks", "JournalReplay", ["PostgreSql"], "events/s", 200_000),
        Recovery("Sqlite", "SQLite"),
        Recovery("PostgreSql", "PostgreSQL"),

        new Target(
            "Orchestration",
            "per-message guard path: accept (known recipient, onboarding and circuit checks, SHA-256 of the canonical body, dedup, the event serialized and handed to a journal that keeps nothing) and route into the session, in a burst of 10,000",
            run => run.Case("GuardPathBenchmarks", "AcceptThroughGuardPath") is { } guard
                ? new Figure($"{Time(guard.MedianNs)} median ({Time(guard.MeanNs)} mean)", guard.MedianNs, BaselineText(run, guard), guard.Ratio)
                : null,
            "≤ 5 µs median",
            figure => figure.Value <= 5_000),
        RateAtLeast("Orchestration", "usage reports through a budget actor", "BudgetAccountingBenchmarks", "ThroughBudgetActor", [], "reports/s", 500_000),
        RateAtLeast("Orchestration", "usage reports through the budgets' shard region", "BudgetAccountingBenchmarks", "ThroughBudgetRegion", [], "reports/s", 500_000),

        RateAtLeast("Agent link", "messages accepted over the agent link on loopback, 16 senders to one agent (durable SQLite inbox)", "LinkThroughputBenchmarks", "AgentLinkSend", ["Senders=16"], "messages/s", 50_000),
        RateAtLeast("Agent link", "the same with 4 senders", "LinkThroughputBenchmarks", "AgentLinkSend", ["Senders=4"], "messages/s", 50_000),
    ];

    private static Target Concurrent(string backend, string name) => new(
        "Persistence",
        $"100 writers appending concurrently (group commit), {name}",
        run => run.Case("ConcurrentAppendBenchmarks", "JournalGroupCommit", backend) is { } journal
            ? new Figure($"{Rate(journal.PerSecond)} events/s", journal.PerSecond, BaselineText(run, journal, "events/s"), journal.Ratio)
            : null,
        "≥ 50,000 events/s and ≥ 0.8× the raw batched INSERT",
        figure => figure.Value >= 50_000 && figure.Ratio >= 0.8);

    private static Target Recovery(string backend, string name) => new(
        "Persistence",
        $"10,000 persistent actors × 20 events recovered at once, {name}",
        run => run.Recovery.TryGetValue(backend, out var elapsed)
            ? new Figure($"{elapsed.TotalSeconds:F2} s ({Rate(Persistence.ActorRecovery.Actors * Persistence.ActorRecovery.EventsPerActor / elapsed.TotalSeconds)} events/s)", elapsed.TotalSeconds)
            : null,
        "< 2 s",
        figure => figure.Value < 2);

    private static Target RatioAtLeast(string area, string what, string suite, string method, string[] parameters, string baseline, double ratio) => new(
        area,
        what,
        run => run.Case(suite, method, parameters) is { } found
            ? new Figure($"{Time(found.MeanNs)}/op", found.MeanNs, BaselineText(run, found), found.Ratio)
            : null,
        $"≥ {ratio.ToString("0.0#", CultureInfo.InvariantCulture)}× the {baseline}",
        figure => figure.Ratio >= ratio);

    private static Target RateAtLeast(string area, string what, string suite, string method, string[] parameters, string unit, double rate) => new(
        area,
        what,
        run => run.Case(suite, method, parameters) is { } found
            ? new Figure($"{Rate(found.PerSecond)} {unit}", found.PerSecond, BaselineText(run, found, unit), found.Ratio)
            : null,
        $"≥ {Rate(rate)} {unit}",
        figure => figure.Value >= rate);

    private static string? BaselineText(RunResults run, CaseResult found, string? unit = null)
    {
        var baseline = run.Cases.FirstOrDefault(c => c.Suite == found.Suite && c.IsBaseline && c.Parameters == found.Parameters);
        return baseline is null ? null
            : unit is null ? $"{baseline.Method}: {Time(baseline.MeanNs)}/op"
            : $"{baseline.Method}: {Rate(baseline.PerSecond)} {unit}";
    }

    internal static string Time(double ns) => ns switch
    {
        >= 1e9 => $"{ns / 1e9:F2} s",
        >= 1e6 => $"{ns / 1e6:F2} ms",
        >= 1e3 => $"{ns / 1e3:F2} µs",
        _ => $"{ns:F1} ns",
    };

    internal static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
