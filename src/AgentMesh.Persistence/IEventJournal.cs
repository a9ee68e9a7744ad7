namespace AgentMesh.Persistence;

/// <summary>
/// The append-only event log of every persistent entity, keyed by persistence id and sequence number.
/// </summary>
/// <remarks>
/// <para><b>Single writer.</b> The store holds each <c>(persistence id, sequence number)</c> at most
/// once and never reuses a number, not even after <see cref="DeleteToAsync"/>. A writer that appends
/// a number that is taken (or was deleted) gets <see cref="JournalConcurrencyException"/>: that is
/// the only exception that means "another writer got there first", and the writer must stop.</para>
/// <para><b>Durability.</b> A completed append is durable: it survives a crash of the process
/// (what power loss does depends on the back end's options; see docs/persistence.md).</para>
/// <para><b>Failures.</b> Any exception from an append other than
/// <see cref="JournalConcurrencyException"/>, <see cref="OperationCanceledException"/> and
/// <see cref="ArgumentException"/> leaves the outcome unknown: the entries may or may not have been
/// written. Recover by reading the highest sequence number or replaying.</para>
/// <para><b>Thread safety.</b> All members may be called concurrently from any thread.</para>
/// </remarks>
public interface IEventJournal
{
    /// <summary>
    /// Appends the entries of one persistence id atomically: all of them are written or none is.
    /// </summary>
    /// <param name="entries">
    /// At least one entry, all of one persistence id, with consecutive ascending sequence numbers
    /// starting at 1 or above. The caller must not change the list or the payload memory until the
    /// returned task completes; after that the journal holds no reference to either.
    /// </param>
    /// <param name="cancellationToken">
    /// Observed until the entries are handed to the store. Once a write is in flight the call
    /// completes with its real outcome, so an <see cref="OperationCanceledException"/> always
    /// means that nothing was written.
    /// </param>
    /// <exception cref="ArgumentException">The batch breaks the rules above; nothing was written.</exception>
    /// <exception cref="JournalConcurrencyException">
    /// One of the sequence numbers already exists or was deleted; nothing of this batch was written.
    /// Other callers' appends that were committed together with this one are not affected.
    /// </exception>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the highest sequence number ever appended for <paramref name="persistenceId"/>,
    /// including deleted entries; 0 when nothing was ever appended. A new writer continues at the
    /// returned number + 1.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the stored entries of <paramref name="persistenceId"/> whose sequence numbers lie in
    /// <c>[fromSequenceNr, toSequenceNr]</c>, in ascending order, at most <paramref name="max"/> of them.
    /// Deleted entries are skipped, so the first entry may come after <paramref name="fromSequenceNr"/>.
    /// </summary>
    /// <remarks>
    /// The sequence is lazy: nothing is read until it is enumerated, and enumerating it twice reads
    /// twice. An enumeration sees the entries committed when it started. Each entry's payload is a
    /// fresh buffer owned by the consumer. Cancellation (this token or the enumerator's) ends the
    /// enumeration with <see cref="OperationCanceledException"/>.
    /// </remarks>
    IAsyncEnumerable<JournalEntry> ReplayAsync(
        PersistenceId persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reads what a recovering entity needs first, as one consistent read: the highest sequence number
    /// and the first <paramref name="maxEntries"/> stored entries from <paramref name="fromSequenceNr"/>
    /// up to it. A back end may serve many concurrent calls with one query (PostgreSQL does, so that
    /// thousands of entities starting together cost a few round trips, not thousands).
    /// </summary>
    /// <remarks>
    /// The default reads the highest number, then replays up to it: entries appended after the first
    /// read are not returned, so the answer never holds an entry above <see cref="RecoveryStart.HighestSequenceNr"/>.
    /// </remarks>
    async Task<RecoveryStart> ReadRecoveryStartAsync(
        PersistenceId persistenceId,
        long fromSequenceNr,
        int maxEntries,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        var highest = await ReadHighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        if (highest >= fromSequenceNr)
        {
            await foreach (var entry in ReplayAsync(persistenceId, fromSequenceNr, highest, maxEntries, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(entry);
            }
        }

        return new RecoveryStart(highest, entries);
    }

    /// <summary>
    /// Deletes the entries of <paramref name="persistenceId"/> up to and including
    /// <paramref name="toSequenceNr"/> (typically after a snapshot). The highest sequence number
    /// stays readable and reserved: appending at or below it later raises
    /// <see cref="JournalConcurrencyException"/>. Deleting past the highest entry deletes everything
    /// and records the highest entry, not <paramref name="toSequenceNr"/>.
    /// </summary>
    Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken);
}
