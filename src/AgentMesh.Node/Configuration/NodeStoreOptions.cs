namespace AgentMesh.Node.Configuration;

/// <summary><c>AgentMesh:Store</c>: where events and snapshots are kept.</summary>
public sealed record NodeStoreOptions
{
    public const string DefaultSqlitePath = "./data/agentmesh.db";

    public const string DefaultPostgreSqlSchema = "agentmesh";

    /// <summary>SQLite unless a PostgreSQL connection string is configured and no provider is named.</summary>
    public StoreProvider Provider { get; init; } = StoreProvider.Sqlite;

    /// <summary>The SQLite file, relative to the working directory; its directory is created when missing.</summary>
    public string SqlitePath { get; init; } = DefaultSqlitePath;

    /// <summary>An Npgsql connection string; a secret (it usually holds a password), never logged.</summary>
    public string? PostgreSqlConnectionString { get; init; }

    public string PostgreSqlSchema { get; init; } = DefaultPostgreSqlSchema;
}
