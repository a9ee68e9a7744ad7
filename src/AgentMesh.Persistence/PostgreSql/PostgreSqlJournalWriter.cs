using AgentMesh.Persistence.GroupCommit;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>
/// The group-commit writer of the PostgreSQL journal: one or more loops, each on a connection of
/// its own, take all pending appends as one group and write them with one multi-row statement, so
/// one round trip and one WAL flush acknowledge the whole group.
/// </summary>
/// <remarks>
/// <para>Fast path: the group goes in as one <c>INSERT ... SELECT FROM unnest(...)</c> in an
/// implicit transaction, which fails as a whole (a unique violation, or the count check for
/// deleted numbers) if any row was not new. That is the only round trip when nobody conflicts.</para>
/// <para>Slow path, after a conflict: in an explicit transaction the group is inserted again with
/// <c>ON CONFLICT DO NOTHING RETURNING</c>; each append whose rows did not all come back failed
/// with <see cref="JournalConcurrencyException"/>, and the rows it did insert are deleted again
/// before the commit. So a conflicting append fails alone and the others commit.</para>
/// <para>Two appends of one group that claim the same sequence numbers (two writers of one
/// persistence id in this process) are never put in the same statement: the later one waits for
/// the next round, where it meets the earlier one's committed rows like any other conflict.</para>
/// </remarks>
internal sealed class PostgreSqlJournalWriter : IAsyncDisposable
{
    private const string DeadlockSqlState = PostgresErrorCodes.DeadlockDetected;
    private const int MaxDeadlockRetries = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlJournalStatements _statements;
    private readonly string _store;
    private readonly ILogger _logger;
    private readonly Task[] _loops;

    public PostgreSqlJournalWriter(
        NpgsqlDataSource dataSource,
        PostgreSqlJournalStatements statements,
        PostgreSqlStoreOptions options,
        string store,
        ILogger logger)
    {
        _dataSource = dataSource;
        _statements = statements;
        _store = store;
        _logger = logger;
        // Until a group is on the wire the writer only builds arrays, so a caller may run it.
        Queue = new GroupCommitQueue<PostgreSqlAppendRequest>(options.MaxBatchEntries, store, wakeWriterInline: true);
        _loops = Enumerable.Range(0, options.WriterConnections).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public GroupCommitQueue<PostgreSqlAppendRequest> Queue { get; }

    public Task SubmitAsync(PostgreSqlAppendRequest request, CancellationToken cancellationToken) =>
        Queue.EnqueueAsync(request, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Queue.Complete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        Connection? connection = null;
        try
        {
            while (true)
            {
                var group = await Queue.TakeGroupAsync(CancellationToken.None);
                if (group.Count == 0)
                {
                    return;
                }

                try
                {
                    connection ??= await Connection.OpenAsync(_dataSource, _statements);
                    await CommitGroupAsync(connection, group);
                }
                catch (Exception exception)
                {
                    // Requests completed before the failure keep their outcome; Fail ignores them.
                    Log.GroupCommitFailed(_logger, exception, _store, group.Count);
                    foreach (var request in group)
                    {
                        request.Fail(exception);
                    }

                    if (exception is not PostgresException && connection is not null)
                    {
                        // The network or the server went away: the outcome of the group is unknown, and
                        // the connection (with its prepared statements) is not reused.
                        Log.WriterConnectionLost(_logger, exception, _store);
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task CommitGroupAsync(Connection connection, List<PostgreSqlAppendRequest> group)
    {
        var remaining = group;
        while (remaining.Count > 0)
        {
            var (round, deferred) = SplitOverlapping(remaining);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await CommitRoundAsync(connection, round);
                    break;
                }
                catch (PostgresException exception) when (exception.SqlState == DeadlockSqlState && attempt < MaxDeadlockRetries)
                {
                    // Two stores inserting overlapping keys in opposite orders; the victim's statement
                    // was rolled back entirely, so trying again is safe.
                    Log.GroupCommitRetried(_logger, _store, attempt);
                }
            }

            remaining = deferred;
        }
    }

    private async Task CommitRoundAsync(Connection connection, List<PostgreSqlAppendRequest> round)
    {
        if (round is [{ Entries.Count: 1 } single])
        {
            await AppendOneAsync(connection, single);
            return;
        }

        var rows = GroupRows.From(round);
        try
        {
            rows.Bind(connection.AppendOrFail.Parameters);
            connection.AppendOrFail.Parameters[6].Value = (long)rows.Count;
            await connection.AppendOrFail.ExecuteNonQueryAsync(CancellationToken.None);
            foreach (var request in round)
            {
                request.Succeed();
            }

            return;
        }
        catch (PostgresException exception)
            when (exception.SqlState is PostgresErrorCodes.UniqueViolation or PostgreSqlSchema.AppendConflictSqlState)
        {
            // Somebody conflicted and nothing of the round was written; sort it out below.
        }
        finally
        {
            connection.AppendOrFail.Parameters[3].Value = null; // the payload arrays may belong to the callers
        }

        await CommitRoundWithConflictsAsync(connection, round, rows);
    }

    /// <summary>A round of one single-entry append: one row, so it needs neither arrays nor the count check.</summary>
    private static async Task AppendOneAsync(Connection connection, PostgreSqlAppendRequest request)
    {
        var entry = request.Entries[0];
        var parameters = connection.AppendOne.Parameters;
        ((NpgsqlParameter<string>)parameters[0]).TypedValue = entry.PersistenceId.Value;
        ((NpgsqlParameter<long>)parameters[1]).TypedValue = entry.SequenceNr;
        ((NpgsqlParameter<string>)parameters[2]).TypedValue = entry.Manifest;
        ((NpgsqlParameter<byte[]>)parameters[3]).TypedValue = PayloadBuffer.AsArray(entry.Payload);
        ((NpgsqlParameter<DateTime>)parameters[4]).TypedValue = StoredTimestamp.Normalize(entry.Timestamp).UtcDateTime;
        ((NpgsqlParameter<string>)parameters[5]).TypedValue = entry.WriterId;
        int inserted;
        try
        {
            inserted = await connection.AppendOne.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            request.Fail(new JournalConcurrencyException(entry.PersistenceId, entry.SequenceNr, exception));
            return;
        }
        finally
        {
            ((NpgsqlParameter<byte[]>)parameters[3]).TypedValue = null; // the payload array may belong to the caller
        }

        if (inserted == 1)
        {
            request.Succeed();
        }
        else
        {
            request.Fail(new JournalConcurrencyException(entry.PersistenceId, entry.SequenceNr));
        }
    }

    private async Task CommitRoundWithConflictsAsync(
        Connection connection,
        List<PostgreSqlAppendRequest> round,
        GroupRows rows)
    {
        await using var transaction = await connection.Npgsql.BeginTransactionAsync(CancellationToken.None);
        var inserted = new HashSet<(string PersistenceId, long SequenceNr)>();
        await using (var insert = new NpgsqlCommand(connection.Statements.AppendGroupReturningNew, connection.Npgsql, transaction))
        {
            rows.Bind(insert.Parameters);
            await using var reader = await insert.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                inserted.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var failures = new Exception?[round.Count];
        var undo = new List<JournalEntry>();
        for (var i = 0; i < round.Count; i++)
        {
            var entries = round[i].Entries;
            var firstTaken = entries.FirstOrDefault(entry => !inserted.Contains((entry.PersistenceId.Value, entry.SequenceNr)));
            if (firstTaken is not null)
            {
                failures[i] = new JournalConcurrencyException(firstTaken.PersistenceId, firstTaken.SequenceNr);
                undo.AddRange(entries.Where(entry => inserted.Contains((entry.PersistenceId.Value, entry.SequenceNr))));
            }
        }

        if (undo.Count > 0)
        {
            await using var delete = new NpgsqlCommand(connection.Statements.DeleteRows, connection.Npgsql, transaction);
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = undo.Select(entry => entry.PersistenceId.Value).ToArray() });
            delete.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = undo.Select(entry => entry.SequenceNr).ToArray() });
            await delete.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        for (var i = 0; i < round.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                round[i].Fail(failure);
            }
            else
            {
                round[i].Succeed();
            }
        }
    }

    /// <summary>
    /// Splits off the requests that claim a sequence number an earlier request of the group claims
    /// too; they are committed in a later round, in arrival order.
    /// </summary>
    private static (List<PostgreSqlAppendRequest> Round, List<PostgreSqlAppendRequest> Deferred) SplitOverlapping(
        List<PostgreSqlAppendRequest> requests)
    {
        // The common case, one request per persistence id, needs no per-id bookkeeping.
        var ids = new HashSet<PersistenceId>(requests.Count);
        if (requests.TrueForAll(request => ids.Add(request.PersistenceId)))
        {
            return (requests, []);
        }

        var claimed = new Dictionary<PersistenceId, List<PostgreSqlAppendRequest>>();
        var round = new List<PostgreSqlAppendRequest>(requests.Count);
        var deferred = new List<PostgreSqlAppendRequest>();
        foreach (var request in requests)
        {
            if (!claimed.TryGetValue(request.PersistenceId, out var sameId))
            {
                claimed.Add(request.PersistenceId, [request]);
                round.Add(request);
            }
            else if (sameId.Exists(other => other.FromSequenceNr <= request.ToSequenceNr && request.FromSequenceNr <= other.ToSequenceNr))
            {
                deferred.Add(request);
            }
            else
            {
                sameId.Add(request);
                round.Add(request);
            }
        }

        return (round, deferred);
    }

    /// <summary>A round's entries as the parallel arrays the statements take.</summary>
    private sealed class GroupRows
    {
        private GroupRows(int count)
        {
            PersistenceIds = new string[count];
            SequenceNrs = new long[count];
            Manifests = new string[count];
            Payloads = new byte[count][];
            WrittenAt = new DateTime[count];
            WriterIds = new string[count];
        }

        public int Count => SequenceNrs.Length;

        private string[] PersistenceIds { get; }

        private long[] SequenceNrs { get; }

        private string[] Manifests { get; }

        private byte[][] Payloads { get; }

        private DateTime[] WrittenAt { get; }

        private string[] WriterIds { get; }

        public static GroupRows From(List<PostgreSqlAppendRequest> round)
        {
            var rows = new GroupRows(round.Sum(request => request.Entries.Count));
            var row = 0;
            foreach (var request in round)
            {
                foreach (var entry in request.Entries)
                {
                    rows.PersistenceIds[row] = entry.PersistenceId.Value;
                    rows.SequenceNrs[row] = entry.SequenceNr;
                    rows.Manifests[row] = entry.Manifest;
                    rows.Payloads[row] = PayloadBuffer.AsArray(entry.Payload);
                    rows.WrittenAt[row] = StoredTimestamp.Normalize(entry.Timestamp).UtcDateTime;
                    rows.WriterIds[row] = entry.WriterId;
                    row++;
                }
            }

            return rows;
        }

        /// <summary>Sets $1..$6 of a command whose first six parameters were declared by <see cref="Declare"/>.</summary>
        public void Bind(NpgsqlParameterCollection parameters)
        {
            if (parameters.Count == 0)
            {
                Declare(parameters);
            }

            parameters[0].Value = PersistenceIds;
            parameters[1].Value = SequenceNrs;
            parameters[2].Value = Manifests;
            parameters[3].Value = Payloads;
            parameters[4].Value = WrittenAt;
            parameters[5].Value = WriterIds;
        }

        public static void Declare(NpgsqlParameterCollection parameters)
        {
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
    }

    /// <summary>A writer loop's own connection with its prepared fast-path statements.</summary>
    private sealed class Connection : IAsyncDisposable
    {
        private Connection(NpgsqlConnection npgsql, PostgreSqlJournalStatements statements, NpgsqlCommand appendOrFail, NpgsqlCommand appendOne)
        {
            Npgsql = npgsql;
            Statements = statements;
            AppendOrFail = appendOrFail;
            AppendOne = appendOne;
        }

        public NpgsqlConnection Npgsql { get; }

        public PostgreSqlJournalStatements Statements { get; }

        public NpgsqlCommand AppendOrFail { get; }

        public NpgsqlCommand AppendOne { get; }

        public static async Task<Connection> OpenAsync(NpgsqlDataSource dataSource, PostgreSqlJournalStatements statements)
        {
            var npgsql = await dataSource.OpenConnectionAsync(CancellationToken.None);
            try
            {
                // The fast-path statement takes its rows as arrays. Left to choose, PostgreSQL kept
                // planning it again for every execution (a custom plan looked cheaper than the generic
                // one), which cost a one-row append 0.15-0.5 ms on this machine, as much as the rest
                // of it; the generic plan, made once per connection, is as fast for 100-row groups.
                await using (var generic = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", npgsql))
                {
                    await generic.ExecuteNonQueryAsync(CancellationToken.None);
                }

                var appendOrFail = new NpgsqlCommand(statements.AppendGroupOrFail, npgsql);
                GroupRows.Declare(appendOrFail.Parameters);
                appendOrFail.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
                await appendOrFail.PrepareAsync(CancellationToken.None);

                var appendOne = new NpgsqlCommand(statements.AppendOne, npgsql);
                appendOne.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text });
                appendOne.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint });
                appendOne.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text });
                appendOne.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea });
                appendOne.Parameters.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz });
                appendOne.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text });
                await appendOne.PrepareAsync(CancellationToken.None);
                return new Connection(npgsql, statements, appendOrFail, appendOne);
            }
            catch
            {
                await npgsql.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await AppendOrFail.DisposeAsync();
            await AppendOne.DisposeAsync();
            await Npgsql.DisposeAsync();
        }
    }
}
