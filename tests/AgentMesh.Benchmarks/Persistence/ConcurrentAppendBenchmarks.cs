using AgentMesh.Persistence;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// <see cref="Writers"/> writers (one persistence id each) persisting one event at a time
/// concurrently, so that group commit can batch them, against a raw loop that inserts exactly the
/// same rows — one row per persistence id, <see cref="Writers"/> rows per transaction — from one
/// connection. Targets: at least 50,000 events/s (at most 20 µs per operation) and at least 0.8 of
/// the baseline's rate (a Ratio of at most 1.25). One operation is one event.
/// </summary>
/// <remarks>
/// The baseline inserts the ids interleaved, as the writers do: a transaction that touches a
/// hundred ids dirties about a hundred index pages, which costs far more than a hundred rows of one
/// id, so a single-id batch would not be the same work.
/// </remarks>
[WarmupCount(1)]
[IterationCount(5)]
public class ConcurrentAppendBenchmarks
{
    public const int Writers = 100;
    public const int EventsPerWriter = 50;

    private BenchmarkStore? _store;

    [Params(Backend.Sqlite, Backend.PostgreSql)]
    public Backend Backend { get; set; }

    /// <summary>PostgreSQL only: writer loops committing groups in parallel.</summary>
    [Params(1)]
    public int WriterConnections { get; set; }

    private BenchmarkStore Store => _store ?? throw new InvalidOperationException("GlobalSetup has not run.");

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void SetUp() => _store = BenchmarkStore.OpenAsync(Backend, WriterConnections).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => Store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Writers * EventsPerWriter)]
    public async Task RawBatchedInsert()
    {
        var prefix = BenchmarkEvents.NewPrefix("raw");
        var persistenceIds = Enumerable.Range(0, Writers).Select(writer => $"{prefix}-{writer}").ToArray();
        for (var sequenceNr = 1; sequenceNr <= EventsPerWriter; sequenceNr++)
        {
            await Store.Raw.InsertBatchAsync(persistenceIds, sequenceNr);
        }
    }

    [Benchmark(OperationsPerInvoke = Writers * EventsPerWriter)]
    public async Task JournalGroupCommit()
    {
        var prefix = BenchmarkEvents.NewPrefix("journal");
        var writers = new Task[Writers];
        for (var writer = 0; writer < Writers; writer++)
        {
            var persistenceId = new PersistenceId($"{prefix}-{writer}");
            writers[writer] = Task.Run(async () =>
            {
                for (var sequenceNr = 1; sequenceNr <= EventsPerWriter; sequenceNr++)
                {
                    await Store.Journal.AppendAsync([BenchmarkEvents.Entry(persistenceId, sequenceNr)], CancellationToken.None);
                }
            });
        }

        await Task.WhenAll(writers);
    }
}
