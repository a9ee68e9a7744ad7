using AgentMesh.Node.Hosting;

namespace AgentMesh.Node;

/// <summary>The node's entry point, used by <c>Program.cs</c> and by the <c>agentmesh node</c> command.</summary>
public static class AgentMeshNode
{
    /// <inheritdoc cref="RunAsync(string[], NodeHostOptions, CancellationToken)"/>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        RunAsync(args, NodeHostOptions.Default, cancellationToken);

    /// <summary>
    /// Starts a node and runs it until Ctrl-C, SIGTERM or <paramref name="cancellationToken"/>, then
    /// stops it cleanly. Returns a <see cref="NodeExitCode"/>. A failure the operator can fix is
    /// printed as plain lines on standard error, without a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, NodeHostOptions hostOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(hostOptions);
        var error = hostOptions.ErrorOutput ?? Console.Error;
        NodeHost? host = null;
        try
        {
            host = NodeHost.Create(args, hostOptions);
            await host.StartAsync(cancellationToken);
            await host.WaitForShutdownAsync(cancellationToken);
            return NodeExitCode.Stopped;
        }
        catch (NodeStartupException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return NodeExitCode.Stopped;
        }
        catch (Exception exception)
        {
            await error.WriteLineAsync($"the node failed: {exception.GetType().Name}: {exception.Message}");
            return NodeExitCode.Failed;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
