using AgentMesh.Actors;
using AgentMesh.Actors.Shutdown;
using AgentMesh.Node.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Node.Hosting;

/// <summary>
/// Ties the actor system and the store to the host's lifetime.
/// </summary>
/// <remarks>
/// <para><b>Start</b> (<see cref="StartingAsync"/>, before any hosted service starts, so before
/// Kestrel binds): open the store, create the actor system, register the store on it, run the
/// <see cref="IActorSystemSetup"/>s.</para>
/// <para><b>Stop</b>: <c>ApplicationStopping</c> starts the coordinated shutdown, so its early
/// phases (the link closing its sockets) run while Kestrel drains. The phase
/// <c>service-requests-done</c> waits until the HTTP server has stopped, so no request is left
/// talking to actors when the actor tree stops. <see cref="StoppedAsync"/> (after every hosted
/// service stopped) waits for the shutdown within the host's shutdown timeout, then disposes the
/// store, which commits the queued journal writes. A shutdown started from inside (someone calls
/// <see cref="ActorSystem.TerminateAsync"/>) stops the host too.</para>
/// </remarks>
internal sealed class ActorSystemLifetime(
    NodeStore store,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<ActorSystemLifetime> logger) : IHostedLifecycleService
{
    private readonly TaskCompletionSource _serverStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActorSystem? _system;
    private CancellationTokenRegistration _stopping;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        Log.StoreOpening(logger, store.Description);
        await store.OpenAsync(cancellationToken);
        Log.StoreOpened(logger, store.Description);

        var system = services.GetRequiredService<ActorSystem>();
        system.RegisterExtension(store);
        var shutdown = system.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-host", _ =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceRequestsDone, "http-server-stopped", token => _serverStopped.Task.WaitAsync(token));
        _system = system;

        foreach (var setup in services.GetServices<IActorSystemSetup>())
        {
            await setup.ConfigureAsync(system, cancellationToken);
        }

        _stopping = lifetime.ApplicationStopping.Register(() => _ = system.CoordinatedShutdown.RunAsync("the node is stopping"));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        _serverStopped.TrySetResult();
        await _stopping.DisposeAsync();
        try
        {
            if (_system is { } system)
            {
                var report = await system.CoordinatedShutdown.RunAsync("the node is stopping").WaitAsync(cancellationToken);
                if (report.Completed)
                {
                    Log.ShutdownCompleted(logger, system.Name);
                }
                else
                {
                    Log.ShutdownIncomplete(logger, system.Name, string.Join(", ", report.TimedOutPhases),
                        string.Join(", ", report.FailedTasks), string.Join(", ", report.ActorsNotStopped));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.ShutdownTimedOut(logger);
        }
        finally
        {
            if (store.IsOpen)
            {
                await store.DisposeAsync();
                Log.StoreClosed(logger, store.Description);
            }
        }
    }
}
