namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>
/// Where tests leave files for a person to look at: <c>$AGENTMESH_TEST_ARTIFACTS</c> when set, else
/// <c>TestResults/</c> at the repository root (beside what ./test.sh writes).
/// </summary>
internal static class TestArtifacts
{
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root(), "screenshots")).FullName;

    /// <summary>The path of the screenshot named after <paramref name="testName"/>.</summary>
    public static string Screenshot(string testName) => Path.Combine(Screenshots, testName + ".png");

    private static string Root()
    {
        if (Environment.GetEnvironmentVariable("AGENTMESH_TEST_ARTIFACTS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AgentMesh.sln")))
            {
                return Path.Combine(directory.FullName, "TestResults");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestResults");
    }
}
