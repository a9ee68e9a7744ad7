namespace AgentMesh.Persistence.Tests;

/// <summary>What a back end can be tested for beyond the port's contract (akka.net's JournalSpec flags).</summary>
[Flags]
public enum JournalCapabilities
{
    None = 0,

    /// <summary>Entries survive closing and reopening the store.</summary>
    Durable = 1,

    /// <summary>A second, independent store instance can be opened on the same data (another process or node).</summary>
    IndependentWriters = 2,
}
