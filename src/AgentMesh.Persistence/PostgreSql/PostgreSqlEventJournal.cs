using System.Runtime.CompilerServices;
using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>
/// The journal in PostgreSQL. Appends go through the group-commit writer; reads and deletes run on
/// pooled connections, each as one statement.
/// </summary>
internal sealed class PostgreSqlEventJournal(
    NpgsqlDataSource dataSource,
    PostgreSqlJournalStatements statements,
    PostgreSqlJournalWriter writer) : IEventJournal
{
    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        JournalBatch.Validate(entries);
        return writer.SubmitAsync(new PostgreSqlAppendRequest(entries), cancellationToken);
    }

    public async Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(statements.SelectHighest);
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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(statements.SelectRange, connection);
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

    public async Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(statements.DeleteTo);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
