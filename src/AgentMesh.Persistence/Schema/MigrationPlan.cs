namespace AgentMesh.Persistence.Schema;

/// <summary>Decides which migrations a store still needs, given the version it is at.</summary>
internal static class MigrationPlan
{
    /// <summary>
    /// The migrations after <paramref name="storeVersion"/>, in order.
    /// </summary>
    /// <exception cref="SchemaVersionException">The store is at a version this code does not know.</exception>
    public static IReadOnlyList<Migration> Pending(IReadOnlyList<Migration> migrations, int storeVersion, string store)
    {
        var codeVersion = Latest(migrations);
        if (storeVersion > codeVersion)
        {
            throw new SchemaVersionException(store, storeVersion, codeVersion);
        }

        return migrations.Where(migration => migration.Version > storeVersion).ToList();
    }

    public static int Latest(IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migrations must be numbered 1, 2, 3, ...; position {i + 1} holds version {migrations[i].Version}.");
            }
        }

        return migrations.Count;
    }
}
