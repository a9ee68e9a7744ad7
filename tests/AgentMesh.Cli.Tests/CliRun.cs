namespace AgentMesh.Cli.Tests;

/// <summary>What one in-process run of the command printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Bounds every run: a command that hangs fails its test instead of the suite.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <c>agentmesh</c> with <paramref name="args"/>, its output captured and no environment
    /// variables but <paramref name="environment"/> (so the machine's AGENTMESH_NODE cannot leak in).
    /// </summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Output = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(error),
            EnvironmentVariables = environment ?? new Dictionary<string, string?>(),
        };
        var code = await CliApp.RunAsync(args, context, CancellationToken.None).WaitAsync(Patience);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(environment: null, args);
}
