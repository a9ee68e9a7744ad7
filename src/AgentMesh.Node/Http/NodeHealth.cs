using AgentMesh.Node.Configuration;
using AgentMesh.Node.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Http;

/// <summary>
/// Decides whether the node is healthy: started, not stopping, and its store answers a real read
/// within <see cref="NodeOptions.HealthTimeout"/>. Logs only the changes between healthy and not,
/// so that a monitor polling a sick node does not flood the log.
/// </summary>
public sealed class NodeHealth(
    AgentMeshOptions options,
    NodeStore store,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<NodeHealth> logger)
{
    private int _failing;

    /// <summary>Null when healthy, otherwise why not, in one line.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var problem = await FindProblemAsync(cancellationToken);
        var wasFailing = Interlocked.Exchange(ref _failing, problem is null ? 0 : 1) == 1;
        if (problem is not null && !wasFailing)
        {
            Log.HealthFailed(logger, problem);
        }
        else if (problem is null && wasFailing)
        {
            Log.HealthRecovered(logger);
        }

        return problem;
    }

    private async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return "the node is stopping";
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested || !store.IsOpen)
        {
            return "the node is starting";
        }

        var timeout = options.Node.HealthTimeout;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ping = store.PingAsync(abandon.Token);
        try
        {
            await ping.WaitAsync(timeout, timeProvider, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync();
            _ = ping.ContinueWith(static task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return $"the store ({store.Description}) did not answer within {Durations.Format(timeout)}";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"the store ({store.Description}) failed: {NodeStore.Reason(exception)}";
        }
    }
}
