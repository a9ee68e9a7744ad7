namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// The baselines: the same rows written to (and read from) the same journal table with the
/// database driver alone, without the journal's validation, queue or group commit.
/// </summary>
internal interface IRawJournal : IAsyncDisposable
{
    /// <summary>Inserts one row in a transaction of its own.</summary>
    Task InsertOneAsync(string persistenceId, long sequenceNr);

    /// <summary>Inserts one row per persistence id, all at <paramref name="sequenceNr"/>, in one transaction.</summary>
    Task InsertBatchAsync(IReadOnlyList<string> persistenceIds, long sequenceNr);

    /// <summary>Reads every row of <paramref name="persistenceId"/> in order; returns how many.</summary>
    Task<long> SelectAllAsync(string persistenceId);
}
