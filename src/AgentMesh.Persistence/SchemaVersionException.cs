namespace AgentMesh.Persistence;

/// <summary>
/// The store's schema was migrated by a newer AgentMesh than this one: this code refuses to read
/// or write it rather than guess at a layout it does not know. Upgrade this node, or point it at
/// another store.
/// </summary>
public sealed class SchemaVersionException : Exception
{
    public SchemaVersionException(string store, int storeVersion, int supportedVersion)
        : base(
            $"The schema of {store} is at version {storeVersion}, but this AgentMesh knows versions up to " +
            $"{supportedVersion}. The store was migrated by a newer AgentMesh; upgrade before opening it.")
    {
        Store = store;
        StoreVersion = storeVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Which store was refused (a file path or a database and schema, without credentials).</summary>
    public string Store { get; }

    public int StoreVersion { get; }

    public int SupportedVersion { get; }
}
