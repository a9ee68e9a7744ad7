using AgentMesh.Persistence;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// One writer persisting one event at a time, each acknowledged before the next (a persistent
/// actor handling one command after another), against a raw loop of one-row transactions on the
/// same store. Target: the journal reaches at least 0.7 of the baseline's rate, i.e. a Ratio of at
/// most 1.43 in BenchmarkDotNet's time-based column. One operation is one event.
/// </summary>
[WarmupCount(1)]
[IterationCount(5)]
public class SequentialAppendBenchmarks
{
    public const int Events = 500;

    private BenchmarkStore? _store;

    [Params(Backend.Sqlite, Backend.PostgreSql)]
    public Backend Backend { get; set; }

    private BenchmarkStore Store => _store ?? throw new InvalidOperationException("GlobalSetup has not run.");

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void SetUp() => _store = BenchmarkStore.OpenAsync(Backend).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => Store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task RawInsertPerTransaction()
    {
        var persistenceId = BenchmarkEvents.NewPrefix("raw");
        for (var sequenceNr = 1; sequenceNr <= Events; sequenceNr++)
        {
            await Store.Raw.InsertOneAsync(persistenceId, sequenceNr);
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task JournalAppend()
    {
        var persistenceId = new PersistenceId(BenchmarkEvents.NewPrefix("journal"));
        for (var sequenceNr = 1; sequenceNr <= Events; sequenceNr++)
        {
            await Store.Journal.AppendAsync([BenchmarkEvents.Entry(persistenceId, sequenceNr)], CancellationToken.None);
        }
    }
}
