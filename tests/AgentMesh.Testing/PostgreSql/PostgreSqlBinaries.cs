namespace AgentMesh.Testing.PostgreSql;

/// <summary>Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>pg_isready</c>).</summary>
public static class PostgreSqlBinaries
{
    /// <summary>Set to a directory holding the binaries to override the search.</summary>
    public const string DirectoryVariable = "AGENTMESH_PG_BIN";

    /// <summary>Where Debian and Ubuntu install the server binaries, one directory per major version.</summary>
    public const string DebianInstallRoot = "/usr/lib/postgresql";

    private static readonly string[] Required = ["initdb", "pg_ctl", "pg_isready"];

    /// <summary>
    /// The directory named by <see cref="DirectoryVariable"/>, else <c>/usr/lib/postgresql/15/bin</c>,
    /// else the newest <c>/usr/lib/postgresql/VERSION/bin</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such directory holds all the binaries.</exception>
    public static string Locate() => Locate(Environment.GetEnvironmentVariable(DirectoryVariable), DebianInstallRoot);

    /// <summary>
    /// <paramref name="configuredDirectory"/> when given (it must then hold the binaries), else the
    /// version-15 directory under <paramref name="installRoot"/>, else its newest version.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such directory holds all the binaries.</exception>
    public static string Locate(string? configuredDirectory, string installRoot)
    {
        if (!string.IsNullOrEmpty(configuredDirectory))
        {
            return HoldsBinaries(configuredDirectory)
                ? configuredDirectory
                : throw new InvalidOperationException(
                    $"{DirectoryVariable} is '{configuredDirectory}', which does not hold {string.Join(", ", Required)}.");
        }

        var versions = Directory.Exists(installRoot)
            ? Directory.GetDirectories(installRoot)
                .OrderByDescending(version => Path.GetFileName(version) == "15")
                .ThenByDescending(version => int.TryParse(Path.GetFileName(version), out var number) ? number : 0)
                .Select(version => Path.Combine(version, "bin"))
                .ToList()
            : [];
        return versions.FirstOrDefault(HoldsBinaries)
            ?? throw new InvalidOperationException(
                $"The PostgreSQL server binaries ({string.Join(", ", Required)}) were not found under {installRoot}/VERSION/bin. " +
                $"Install them (Debian: apt-get install postgresql-15) or set {DirectoryVariable} to their directory.");
    }

    private static bool HoldsBinaries(string directory) =>
        Required.All(binary => File.Exists(Path.Combine(directory, binary)));
}
