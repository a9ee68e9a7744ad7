namespace AgentMesh.Node.Configuration;

/// <summary>Which back end holds the journal and snapshots.</summary>
public enum StoreProvider
{
    /// <summary>One embedded file; the default for a single node.</summary>
    Sqlite,

    /// <summary>A shared database; what a cluster uses.</summary>
    PostgreSql,
}
