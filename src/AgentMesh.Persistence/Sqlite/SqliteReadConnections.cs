using Microsoft.Data.Sqlite;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// Opens the pooled connections that reads use. In WAL mode a reader sees the last commit made
/// before its statement began and never blocks (or is blocked by) the writer.
/// </summary>
internal sealed class SqliteReadConnections(string connectionString, string store)
{
    private volatile bool _closed;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, store);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Refuses further reads and closes the idle pooled connections, so that the file is not held open.</summary>
    public void Close()
    {
        _closed = true;
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
