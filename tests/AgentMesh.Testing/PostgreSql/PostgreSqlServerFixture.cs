using Xunit;

namespace AgentMesh.Testing.PostgreSql;

/// <summary>
/// One PostgreSQL server for a whole test assembly: use it as the collection fixture of a single
/// collection that every PostgreSQL test class joins, so that the server starts once.
/// Each test class asks for its own database with <see cref="DatabaseForAsync"/>.
/// </summary>
/// <example>
/// <code>
/// [CollectionDefinition(Name)]
/// public sealed class PostgreSqlCollection : ICollectionFixture&lt;PostgreSqlServerFixture&gt;
/// {
///     public const string Name = "PostgreSQL";
/// }
/// </code>
/// </example>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Task<string>> _databases = new(StringComparer.Ordinal);
    private PostgreSqlServer? _server;

    public PostgreSqlServer Server =>
        _server ?? throw new InvalidOperationException("The PostgreSQL server is used before xunit initialized the fixture.");

    /// <summary>
    /// The connection string of the database reserved for <paramref name="testClass"/>, created on
    /// the first request. xunit builds one instance of a test class per test, so the tests of a
    /// class share the database; they keep apart through distinct persistence ids.
    /// </summary>
    /// <remarks>
    /// The database is created once, whoever asks first; <paramref name="cancellationToken"/> only
    /// stops this caller's wait for it.
    /// </remarks>
    public Task<string> DatabaseForAsync(Type testClass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        Task<string> database;
        lock (_databases)
        {
            if (!_databases.TryGetValue(testClass.Name, out database!))
            {
                database = Server.CreateDatabaseAsync(testClass.Name, CancellationToken.None);
                _databases.Add(testClass.Name, database);
            }
        }

        return database.WaitAsync(cancellationToken);
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _server = await PostgreSqlServer.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
