using System.Runtime.CompilerServices;
using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>
/// The journal in PostgreSQL. Appends go through the group-commit writer; reads and deletes run on
/// pooled connections, each as one statement; the reads that start recoveries are coalesced, many
/// persistence ids to a statement.
/// </summary>
internal sealed class PostgreSqlEventJournal : IEventJournal, IAsyncDisposable
{
    /// <summary>Concurrent recovery queries; more would only queue for the server's cores.</summary>
    private const int RecoveryReaders = 4;

    /// <summary>Persistence ids per recovery query: a few hundred keeps each statement in the tens of milliseconds.</summary>
    private const int RecoveryBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlJournalStatements _statements;
    private readonly PostgreSqlJournalWriter _writer;
    private readonly CoalescingReader<RecoveryRequest, RecoveryStart> _recoveryStarts;

    public PostgreSqlEventJournal(NpgsqlDataSource dataSource, PostgreSqlJournalStatements statements, PostgreSqlJournalWriter writer)
    {
        _dataSource = dataSource;
        _statements = statements;
        _writer = writer;
        _recoveryStarts = new CoalescingReader<RecoveryRequest, RecoveryStart>("the PostgreSQL journal", ReadRecoveryStartsAsync, RecoveryReaders, RecoveryBatch);
    }

    public ValueTask DisposeAsync() => _recoveryStarts.DisposeAsync();

    public Task<RecoveryStart> ReadRecoveryStartAsync(PersistenceId persistenceId, long fromSequenceNr, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return _recoveryStarts.ReadAsync(new RecoveryRequest(persistenceId, Math.Max(fromSequenceNr, 1), maxEntries), cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        JournalBatch.Validate(entries);
        return _writer.SubmitAsync(new PostgreSqlAppendRequest(entries), cancellationToken);
    }

    public async Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_statements.SelectHighest);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId.Value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!; // GREATEST(..., 0) is never NULL
    }

    public async IAsyncEnumerable<JournalEntry> ReplayAsync(
        PersistenceId persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            yield break;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_statements.SelectRange, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Rows already buffered are returned without looking at the token.
            cancellationToken.ThrowIfCancellationRequested();
            yield return new JournalEntry(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4));
        }
    }

    private async Task<IReadOnlyList<RecoveryStart>> ReadRecoveryStartsAsync(IReadOnlyList<RecoveryRequest> requests, CancellationToken cancellationToken)
    {
        var ids = new string[requests.Count];
        var froms = new long[requests.Count];
        var limits = new long[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            (ids[i], froms[i], limits[i]) = (requests[i].PersistenceId.Value, requests[i].FromSequenceNr, requests[i].MaxEntries);
        }

        var highest = new long[requests.Count];
        var entries = new List<JournalEntry>[requests.Count];
        await using var command = _dataSource.CreateCommand(_statements.SelectRecoveryStarts);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = froms });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = limits });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1; // ordinality counts from 1
            highest[index] = reader.GetInt64(1);
            entries[index] ??= [];
            if (!reader.IsDBNull(2))
            {
                entries[index].Add(new JournalEntry(
                    requests[index].PersistenceId,
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetString(6)));
            }
        }

        var starts = new RecoveryStart[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            starts[i] = new RecoveryStart(highest[i], (IReadOnlyList<JournalEntry>?)entries[i] ?? []);
        }

        return starts;
    }

    public async Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_statements.DeleteTo);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record RecoveryRequest(PersistenceId PersistenceId, long FromSequenceNr, int MaxEntries);
}
