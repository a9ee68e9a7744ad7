using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

public sealed class PostgreSqlBinariesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("agentmesh-pg-bin-");

    [Fact]
    public void Locate_WithoutTheBinaries_FailsWithAnInstallHint()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "15", "bin"));

        var act = () => PostgreSqlBinaries.Locate(configuredDirectory: null, _root.FullName);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"*initdb, pg_ctl, pg_isready*not found*{_root.FullName}*apt-get install postgresql-15*{PostgreSqlBinaries.DirectoryVariable}*");
    }

    [Fact]
    public void Locate_WithAConfiguredDirectoryLackingTheBinaries_Fails_RatherThanSearchingElsewhere()
    {
        var act = () => PostgreSqlBinaries.Locate(_root.FullName, PostgreSqlBinaries.DebianInstallRoot);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{PostgreSqlBinaries.DirectoryVariable}*{_root.FullName}*");
    }

    [Fact]
    public void Locate_PrefersVersion15_ThenTheNewestVersion()
    {
        foreach (var version in new[] { "14", "15", "16" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, version, "bin")).FullName;
            foreach (var binary in new[] { "initdb", "pg_ctl", "pg_isready" })
            {
                File.WriteAllText(Path.Combine(bin, binary), string.Empty);
            }
        }

        PostgreSqlBinaries.Locate(null, _root.FullName).Should().Be(Path.Combine(_root.FullName, "15", "bin"));
        Directory.Delete(Path.Combine(_root.FullName, "15"), recursive: true);
        PostgreSqlBinaries.Locate(null, _root.FullName).Should().Be(Path.Combine(_root.FullName, "16", "bin"));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
