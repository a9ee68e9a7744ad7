namespace AgentMesh.Node.Hosting;

/// <summary>
/// The node refused or failed to start for a reason the operator can fix. <see cref="Exception.Message"/>
/// is the text to print (one line per problem, no stack trace, no secrets); <see cref="ExitCode"/> is a
/// <see cref="NodeExitCode"/>.
/// </summary>
public sealed class NodeStartupException : Exception
{
    public NodeStartupException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
