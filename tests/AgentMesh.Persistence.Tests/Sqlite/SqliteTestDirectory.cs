using AgentMesh.Persistence.Sqlite;

namespace AgentMesh.Persistence.Tests.Sqlite;

/// <summary>
/// A temporary directory for the database files of one test class (a class fixture); it is
/// deleted, with the files and their WAL, when the class is done.
/// </summary>
public sealed class SqliteTestDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("agentmesh-sqlite-");

    /// <summary>The path of the file called <paramref name="name"/> in the directory.</summary>
    public string FilePath(string name = "agentmesh") => Path.Combine(_directory.FullName, name + ".db");

    /// <summary>Opens the store on the file called <paramref name="name"/> and exposes it to the conformance suites.</summary>
    public async Task<StoreUnderTest> OpenAsync(string name = "agentmesh")
    {
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = FilePath(name) }, CancellationToken.None);
        var probe = new GroupCommitProbe(store.WriteQueue.Pause, () => store.WriteQueue.Groups);
        return new StoreUnderTest(store.Journal, store.Snapshots, store, probe);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
