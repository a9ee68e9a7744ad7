using AgentMesh.Node.Configuration;
using AgentMesh.Node.Hosting;

namespace AgentMesh.Node.Tests.Configuration;

public sealed class ConfigurationValidationTests : IDisposable
{
    private const string Token = "0123456789abcdef0123";

    private readonly TestDirectory _directory = new();

    [Theory]
    [InlineData("AgentMesh:Node:Name", "bad name!", "must be 1-64 characters of letters, digits, '.', '_' and '-'")]
    [InlineData("AgentMesh:Node:Urls", "https://127.0.0.1:5080", "must be one or more http://host:port addresses separated by ';', like http://127.0.0.1:5080")]
    [InlineData("AgentMesh:Node:Urls", "http://127.0.0.1", "must be one or more http://host:port addresses separated by ';', like http://127.0.0.1:5080")]
    [InlineData("AgentMesh:Node:Urls", "http://127.0.0.1:70000", "must be one or more http://host:port addresses separated by ';', like http://127.0.0.1:5080")]
    [InlineData("AgentMesh:Node:ShutdownTimeout", "forever", "must be a duration between 1s and 10m, like \"30s\" or \"00:00:30\"")]
    [InlineData("AgentMesh:Node:HealthTimeout", "10ms", "must be a duration between 100ms and 30s, like \"2s\" or \"00:00:02\"")]
    [InlineData("AgentMesh:Store:Provider", "mysql", "must be sqlite or postgresql")]
    [InlineData("AgentMesh:Store:PostgreSql:Schema", "Bad-Schema", "must be 1-63 lower-case letters, digits or '_', not starting with a digit")]
    [InlineData("AgentMesh:Link:MaxFrameBytes", "-5", "must be a whole number between 1024 and 67108864")]
    [InlineData("AgentMesh:Link:MaxFrameBytes", "1MiB", "must be a whole number between 1024 and 67108864")]
    [InlineData("AgentMesh:Link:MaxFrameBytes", "67108865", "must be a whole number between 1024 and 67108864")]
    [InlineData("AgentMesh:Link:HelloTimeout", "0s", "must be a duration between 1s and 5m, like \"10s\" or \"00:00:10\"")]
    [InlineData("AgentMesh:Logging:LogLevel:Default", "Verbose", "must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("AgentMesh:Logging:LogLevel:Npgsql", "2", "must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("AgentMesh:Logging:Console:Enabled", "yes", "must be true or false")]
    [InlineData("AgentMesh:Logging:File:RetainedFiles", "0", "must be a whole number between 1 and 3650")]
    [InlineData("AgentMesh:Alerts:WebhookUrl", "ftp://alerts.example/hook", "must be an absolute http:// or https:// URL")]
    [InlineData("AgentMesh:Node:Roles:0", "Agents!", "must be a role name: lower-case letters, digits and '-', at most 32 characters")]
    public void BadValue_InAFile_IsReportedWithKeyValueFileAndWhatIsAllowed(string key, string value, string requirement)
    {
        var file = _directory.Write("mac-mini.json", ConfigurationFiles.Json((key, value)));

        var report = ConfigurationFiles.Read(_directory, ["--config", file]);

        report.IsValid.Should().BeFalse();
        report.Problems.Select(problem => problem.ToString()).Should().Equal($"{key} = \"{value}\" in {file}: {requirement}");
    }

    [Fact]
    public void BadValue_FromTheEnvironment_NamesTheVariable()
    {
        var report = ConfigurationFiles.Read(_directory, [], new Dictionary<string, string?> { ["AGENTMESH__LINK__MAXFRAMEBYTES"] = "-5" });

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Link:MaxFrameBytes = \"-5\" in environment variable AGENTMESH__LINK__MAXFRAMEBYTES: must be a whole number between 1024 and 67108864");
    }

    [Fact]
    public void BadValue_FromTheCommandLine_SaysSo()
    {
        var report = ConfigurationFiles.Read(_directory, ["--AgentMesh:Link:HelloTimeout=soon"]);

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Link:HelloTimeout = \"soon\" on the command line: must be a duration between 1s and 5m, like \"10s\" or \"00:00:10\"");
    }

    [Fact]
    public void EveryProblem_IsReported_NotJustTheFirst()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(
            ("AgentMesh:Node:Name", "no spaces please"),
            ("AgentMesh:Store:Provider", "oracle")));

        var report = ConfigurationFiles.Read(_directory, ["--config", file, "--AgentMesh:Link:MaxFrameBytes=1"],
            new Dictionary<string, string?> { ["AGENTMESH__LOGGING__FILE__ENABLED"] = "maybe" });

        report.Problems.Select(problem => problem.Key).Should().BeEquivalentTo(
            ConfigurationKeys.NodeName, ConfigurationKeys.StoreProvider, ConfigurationKeys.LinkMaxFrameBytes, ConfigurationKeys.LogFileEnabled);
    }

    [Fact]
    public void ShortToken_IsReported_WithoutItsValue()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(("AgentMesh:Auth:AdminToken", "hunter2")));

        var report = ConfigurationFiles.Read(_directory, ["--config", file]);

        var problem = report.Problems.Should().ContainSingle().Subject.ToString();
        problem.Should().Be($"AgentMesh:Auth:AdminToken (value hidden) in {file}: must be at least 16 characters without spaces (for example the output of: openssl rand -hex 32)");
        problem.Should().NotContain("hunter2");
    }

    [Fact]
    public void AgentTokens_WithABadAgentId_AreReported_WithoutTheToken()
    {
        var report = ConfigurationFiles.Read(_directory, [], new Dictionary<string, string?> { ["AGENTMESH__AUTH__AGENTTOKENS__gpu box"] = Token });

        var problem = report.Problems.Should().ContainSingle().Subject.ToString();
        problem.Should().Be("AgentMesh:Auth:AgentTokens:gpu box (value hidden) in environment variable AGENTMESH__AUTH__AGENTTOKENS__gpu box: " +
            "'gpu box' is not an agent id: 1-64 characters of letters, digits, '.', '_' and '-'");
        problem.Should().NotContain(Token);
    }

    [Fact]
    public void MalformedConnectionString_IsReported_WithoutTheValue()
    {
        var report = ConfigurationFiles.Read(_directory, ["--AgentMesh:Store:PostgreSql:ConnectionString=Password=secret;Database=agentmesh"]);

        var problem = report.Problems.Should().ContainSingle().Subject.ToString();
        problem.Should().Be("AgentMesh:Store:PostgreSql:ConnectionString (value hidden) on the command line: " +
            "must be an Npgsql connection string with a host, like Host=db;Database=agentmesh;Username=agentmesh;Password=...");
        problem.Should().NotContain("secret");
    }

    [Fact]
    public void PostgreSqlProvider_WithoutAConnectionString_IsReported()
    {
        var report = ConfigurationFiles.Read(_directory, ["--AgentMesh:Store:Provider=postgresql"]);

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Store:PostgreSql:ConnectionString is not set: must be set when AgentMesh:Store:Provider is postgresql (on the command line)");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://mac-mini.local:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::]:5080")]
    public void ReachableNode_WithoutTokens_IsRefused_NamingTheSettingsToSet(string urls)
    {
        var report = ConfigurationFiles.Read(_directory, ["--urls", urls]);

        var problem = report.Problems.Should().ContainSingle().Subject;
        problem.Key.Should().Be(ConfigurationKeys.NodeUrls);
        problem.ToString().Should().StartWith($"AgentMesh:Node:Urls = \"{urls}\" on the command line: listens where other machines can reach it (")
            .And.EndWith("), so it needs tokens: set AgentMesh:Auth:AdminToken and AgentMesh:Auth:AgentToken " +
                "(or AgentMesh:Auth:AgentTokens:<agent id> per agent), or listen on 127.0.0.1 only");
    }

    [Fact]
    public void ReachableNode_WithAnAdminTokenOnly_IsRefused_NamingTheAgentTokens()
    {
        var report = ConfigurationFiles.Read(_directory, ["--urls", "http://0.0.0.0:5080", $"--AgentMesh:Auth:AdminToken={Token}"]);

        report.Problems.Select(problem => problem.ToString()).Should().Equal(
            "AgentMesh:Node:Urls = \"http://0.0.0.0:5080\" on the command line: listens where other machines can reach it (http://0.0.0.0:5080), " +
            "so it needs tokens: set AgentMesh:Auth:AgentToken (or AgentMesh:Auth:AgentTokens:<agent id> per agent), or listen on 127.0.0.1 only");
    }

    [Theory]
    [InlineData("AgentMesh:Auth:AgentToken")]
    [InlineData("AgentMesh:Auth:AgentTokens:gpu-box")]
    public void ReachableNode_WithAdminAndAgentTokens_Starts(string agentTokenKey)
    {
        var report = ConfigurationFiles.Read(_directory, ["--urls", "http://0.0.0.0:5080", $"--AgentMesh:Auth:AdminToken={Token}", $"--{agentTokenKey}={Token}x"]);

        report.Problems.Should().BeEmpty();
        report.Options!.Node.IsLoopbackOnly.Should().BeFalse();
    }

    [Fact]
    public void UnknownKey_UnderAgentMesh_IsAWarning_WithTheClosestKnownKey()
    {
        var file = _directory.Write("node.json", ConfigurationFiles.Json(
            ("AgentMesh:Link:MaxFrameByte", "2048"),
            ("AgentMesh:Dashboard:Theme", "dark"),
            ("Kestrel:Limits:MaxRequestBodySize", "10")));

        var report = ConfigurationFiles.Read(_directory, ["--config", file]);

        report.IsValid.Should().BeTrue();
        report.Warnings.Should().Equal(
            $"AgentMesh:Dashboard:Theme in {file} is not a setting AgentMesh knows and is ignored (a typo?)",
            $"AgentMesh:Link:MaxFrameByte in {file} is not a setting AgentMesh knows and is ignored (a typo?); did you mean AgentMesh:Link:MaxFrameBytes?");
    }

    [Fact]
    public void MissingConfigFile_IsRefused_NamingIt()
    {
        var missing = _directory.File("cluster-config/absent.json");

        var build = () => ConfigurationFiles.Build(_directory, ["--config", missing]);

        build.Should().Throw<NodeStartupException>()
            .Which.Should().Match<NodeStartupException>(exception => exception.ExitCode == NodeExitCode.InvalidConfiguration
                && exception.Message == $"--config {missing}: the file does not exist (looked for {missing})");
    }

    [Fact]
    public void ConfigFileThatIsNotJson_IsRefused_NamingItAndWhere()
    {
        var file = _directory.Write("broken.json", "{ \"AgentMesh\": { \"Node\": ");

        var build = () => ConfigurationFiles.Build(_directory, ["--config", file]);

        var exception = build.Should().Throw<NodeStartupException>().Which;
        exception.ExitCode.Should().Be(NodeExitCode.InvalidConfiguration);
        exception.Message.Should().StartWith($"{file} cannot be read: ").And.Contain("LineNumber: 0");
    }

    [Fact]
    public void ConfigSwitch_WithoutAFile_IsRefused()
    {
        var build = () => ConfigurationFiles.Build(_directory, ["--config"]);

        build.Should().Throw<NodeStartupException>().WithMessage("--config needs a file name: --config <file.json>");
    }

    [Fact]
    public void Dump_HidesTokensAndPasswords_AndNamesSources()
    {
        var configuration = ConfigurationFiles.Build(_directory, [
            $"--AgentMesh:Auth:AdminToken={Token}",
            "--AgentMesh:Store:PostgreSql:ConnectionString=Host=db;Port=5433;Database=mesh;Username=u;Password=pg-secret",
            "--AgentMesh:Alerts:WebhookUrl=https://hooks.example/services/T000/B000/webhook-secret",
            "--AgentMesh:Node:Name=mac-mini",
        ]);

        var dump = string.Join("\n", ConfigurationDump.Lines(configuration));

        dump.Should().NotContain(Token).And.NotContain("pg-secret").And.NotContain("webhook-secret");
        dump.Should().Contain("AgentMesh:Auth:AdminToken = (hidden) on the command line")
            .And.Contain("AgentMesh:Store:PostgreSql:ConnectionString = \"Host=db;Port=5433;Database=mesh;(hidden)\" on the command line")
            .And.Contain("AgentMesh:Alerts:WebhookUrl = \"https://hooks.example/(hidden)\" on the command line")
            .And.Contain("AgentMesh:Node:Name = \"mac-mini\" on the command line");
    }

    public void Dispose() => _directory.Dispose();
}
