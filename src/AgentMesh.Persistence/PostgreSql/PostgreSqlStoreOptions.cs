namespace AgentMesh.Persistence.PostgreSql;

/// <summary>Settings of the shared PostgreSQL store, usually bound from configuration. Change them with <c>with</c>.</summary>
public sealed record PostgreSqlStoreOptions
{
    /// <summary>An Npgsql connection string. Pooling settings in it apply to reads; the writers hold connections of their own.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema that holds the tables; created when missing. Lower-case letters, digits and underscores.</summary>
    public string SchemaName { get; init; } = "agentmesh";

    /// <summary>
    /// The most journal entries one group commit writes. A single append larger than this is still
    /// written atomically, in a statement of its own.
    /// </summary>
    public int MaxBatchEntries { get; init; } = 1000;

    /// <summary>
    /// How many writer loops (each with its own connection) commit groups in parallel. One keeps
    /// groups largest; more let one group's network round trip overlap another's WAL flush.
    /// </summary>
    public int WriterConnections { get; init; } = 1;
}
