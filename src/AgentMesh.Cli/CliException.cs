namespace AgentMesh.Cli;

/// <summary>
/// A failure the operator can act on: its <see cref="Exception.Message"/> is printed as one line on
/// standard error, without a stack trace, and the command exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public CliException()
        : this(ExitCodes.Unexpected, "the command failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Unexpected, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.Unexpected, message, innerException)
    {
    }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
