namespace AgentMesh.Testing.PostgreSql;

/// <summary>Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>pg_isready</c>).</summary>
public static class PostgreSqlBinaries
{
    /// <summary>Set to a directory holding the binaries to override the search.</summary>
    public const string DirectoryVariable = "AGENTMESH_PG_BIN";

    private static readonly string[] Required = ["initdb", "pg_ctl", "pg_isready"];

    /// <summary>
    /// The directory named by <see cref="DirectoryVariable"/>, else the newest
    /// <c>/usr/lib/postgresql/VERSION/bin</c> (Debian's layout), preferring version 15.
    /// </summary>
    /// <exception cref="InvalidOperationException">No directory holds all the binaries.</exception>
    public static string Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add("/usr/lib/postgresql/15/bin");
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var number) ? number : 0)
                .Select(version => Path.Combine(version, "bin")));
        }

        foreach (var directory in candidates)
        {
            if (Required.All(binary => File.Exists(Path.Combine(directory, binary))))
            {
                return directory;
            }
        }

        throw new InvalidOperationException(
            $"The PostgreSQL server binaries ({string.Join(", ", Required)}) were not found in {string.Join(" or ", candidates)}. " +
            $"Install them (Debian: apt-get install postgresql-15) or set {DirectoryVariable} to their directory.");
    }
}
