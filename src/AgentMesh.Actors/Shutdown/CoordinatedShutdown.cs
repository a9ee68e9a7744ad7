namespace AgentMesh.Actors.Shutdown;

/// <summary>
/// Stops a system in ordered phases: tasks registered for a phase run together and the next phase
/// starts when they are done or the phase timed out; the last phase stops the actor tree top-down
/// (<c>/user</c>, then <c>/system</c>, then the root; every actor stops its children before its own
/// <c>PostStop</c>). Running it twice returns the same report. A host ties this to its lifetime.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>The phases, in order. Hosts add their own tasks to the first ones (unbind listeners, drain links, flush journals).</summary>
    public static readonly IReadOnlyList<string> Phases =
    [
        PhaseBeforeServiceUnbind,
        PhaseServiceUnbind,
        PhaseServiceRequestsDone,
        PhaseServiceStop,
        PhaseBeforeClusterShutdown,
        PhaseClusterShutdown,
        PhaseBeforeActorSystemTerminate,
        PhaseActorSystemTerminate,
    ];

    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Run)>> _tasks = [];
    private Task<ShutdownReport>? _run;

    internal CoordinatedShutdown(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>Registers a task to run in <paramref name="phase"/>; it gets a token cancelled when the phase times out.</summary>
    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        ArgumentNullException.ThrowIfNull(task);
        if (!Phases.Contains(phase))
        {
            throw new ArgumentException($"Unknown shutdown phase '{phase}'. Known phases: {string.Join(", ", Phases)}.", nameof(phase));
        }

        lock (_lock)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException("Coordinated shutdown has already started.");
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((taskName, task));
        }
    }

    /// <summary>Starts the shutdown, or returns the one already running.</summary>
    public Task<ShutdownReport> RunAsync(string reason)
    {
        lock (_lock)
        {
            return _run ??= Task.Run(() => RunPhasesAsync(reason));
        }
    }

    private async Task<ShutdownReport> RunPhasesAsync(string reason)
    {
        Log.ShutdownStarted(_system.Logger, _system.Name, reason);
        var timedOut = new List<string>();
        var failed = new List<string>();
        var timeout = _system.Options.ShutdownPhaseTimeout;
        var clock = _system.Options.ShutdownTimeProvider;

        foreach (var phase in Phases)
        {
            List<(string Name, Func<CancellationToken, Task> Run)> tasks;
            lock (_lock)
            {
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            }

            if (phase == PhaseActorSystemTerminate)
            {
                tasks.Add(("stop-actors", _ => StopTreeAsync()));
            }

            if (tasks.Count == 0)
            {
                continue;
            }

            using var cancel = new CancellationTokenSource();
            var running = tasks.Select(t => (t.Name, Task: RunGuarded(t.Run, cancel.Token))).ToList();
            try
            {
                await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(timeout, clock).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await cancel.CancelAsync().ConfigureAwait(false);
                timedOut.Add(phase);
                Log.ShutdownPhaseTimedOut(_system.Logger, phase, timeout,
                    string.Join(", ", running.Where(r => !r.Task.IsCompleted).Select(r => r.Name)));
            }
            catch (Exception)
            {
                // Reported per task below.
            }

            foreach (var (name, task) in running.Where(r => r.Task.IsFaulted))
            {
                failed.Add($"{phase}/{name}");
                Log.ShutdownTaskFailed(_system.Logger, task.Exception!.GetBaseException(), name, phase); // IsFaulted implies an exception.
            }
        }

        var notStopped = _system.LiveActorPaths();
        if (notStopped.Count > 0)
        {
            Log.ActorsNotStopped(_system.Logger, timeout, string.Join(", ", notStopped));
        }

        return new ShutdownReport(reason, timedOut, failed, notStopped);
    }

    private static async Task RunGuarded(Func<CancellationToken, Task> run, CancellationToken cancellationToken) =>
        await run(cancellationToken).ConfigureAwait(false);

    private async Task StopTreeAsync()
    {
        var user = TerminationWatcher.WhenStopped(_system.UserGuardian);
        _system.RootGuardian.Stop(_system.UserGuardian);
        await user.ConfigureAwait(false);
        var system = TerminationWatcher.WhenStopped(_system.SystemGuardian);
        _system.RootGuardian.Stop(_system.SystemGuardian);
        await system.ConfigureAwait(false);
        _system.RootGuardian.Stop(_system.RootGuardian);
        await _system.WhenTerminated.ConfigureAwait(false);
    }
}
