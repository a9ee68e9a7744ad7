using AgentMesh.Persistence;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// Replaying one persistence id's <see cref="Events"/> events, against a plain SELECT of the same
/// rows that reads every column. Target: at least 200,000 events/s (at most 5 µs per operation).
/// One operation is one event.
/// </summary>
[WarmupCount(1)]
[IterationCount(5)]
public class ReplayBenchmarks
{
    public const int Events = 100_000;

    private BenchmarkStore? _store;
    private PersistenceId _persistenceId;

    [Params(Backend.Sqlite, Backend.PostgreSql)]
    public Backend Backend { get; set; }

    private BenchmarkStore Store => _store ?? throw new InvalidOperationException("GlobalSetup has not run.");

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async setup.
    [GlobalSetup]
    public void SetUp() => SetUpAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void CleanUp() => Store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetUpAsync()
    {
        _store = await BenchmarkStore.OpenAsync(Backend);
        _persistenceId = new PersistenceId(BenchmarkEvents.NewPrefix("replay"));
        for (var first = 1; first <= Events; first += 1000)
        {
            var batch = Enumerable.Range(first, 1000).Select(sequenceNr => BenchmarkEvents.Entry(_persistenceId, sequenceNr)).ToArray();
            await _store.Journal.AppendAsync(batch, CancellationToken.None);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public async Task<long> RawSelect() => await Store.Raw.SelectAllAsync(_persistenceId.Value);

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task<long> JournalReplay()
    {
        long count = 0;
        await foreach (var _ in Store.Journal.ReplayAsync(_persistenceId, 1, long.MaxValue, long.MaxValue, CancellationToken.None))
        {
            count++;
        }

        return count;
    }
}
