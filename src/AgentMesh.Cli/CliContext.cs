namespace AgentMesh.Cli;

/// <summary>
/// Where one run of the command writes and what it reads from the machine. The process entry point
/// uses the real console and environment; tests capture the output and pass their own variables.
/// </summary>
public sealed record CliContext
{
    /// <summary>Tables, JSON, help and the agent host's log lines.</summary>
    public required TextWriter Output { get; init; }

    /// <summary>Error lines: one per failure, never a stack trace.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>The variables <c>AGENTMESH_NODE</c>, <c>AGENTMESH_TOKEN</c> and API keys are read from; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>
    /// True when <see cref="Output"/> is a terminal a person watches: colours, and the demo's live
    /// view. False writes plain text that scripts and tests can read.
    /// </summary>
    public bool IsTerminal { get; init; }

    /// <summary>The width tables are laid out for when <see cref="Output"/> is not a terminal.</summary>
    public int Width { get; init; } = 160;

    /// <summary>The clock of log timestamps, delays and timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The real console and process environment.</summary>
    public static CliContext ForConsole() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        IsTerminal = !Console.IsOutputRedirected,
    };

    public string? GetEnvironmentVariable(string name) =>
        EnvironmentVariables is null
            ? Environment.GetEnvironmentVariable(name)
            : EnvironmentVariables.GetValueOrDefault(name);
}
