namespace AgentMesh.Benchmarks.Persistence;

/// <summary>The durable back ends the persistence benchmarks run against.</summary>
public enum Backend
{
    Sqlite,
    PostgreSql,
}
