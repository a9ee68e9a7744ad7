using AgentMesh.Actors.Shutdown;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Actors.TestKit;

/// <summary>
/// An actor system on a <see cref="ManualTimeProvider"/> for one test: make probes, move the clock,
/// and shut everything down on dispose.
/// </summary>
public sealed class ActorTestKit : IAsyncDisposable
{
    /// <param name="name">The actor system's name.</param>
    /// <param name="loggerFactory">Where the system logs; none by default.</param>
    /// <param name="configure">Changes to the system's options.</param>
    /// <param name="clock">A clock to share, e.g. with the system a "node restart" test replaces; a fresh one by default.</param>
    public ActorTestKit(
        string name = "test",
        ILoggerFactory? loggerFactory = null,
        Func<ActorSystemOptions, ActorSystemOptions>? configure = null,
        ManualTimeProvider? clock = null)
    {
        Clock = clock ?? new ManualTimeProvider();
        var options = ActorSystemOptions.Default with
        {
            TimeProvider = Clock,
            ShutdownPhaseTimeout = TimeSpan.FromSeconds(5),
        };
        if (loggerFactory is not null)
        {
            options = options with { LoggerFactory = loggerFactory };
        }

        System = ActorSystem.Create(name, configure is null ? options : configure(options));
    }

    public ManualTimeProvider Clock { get; }

    public ActorSystem System { get; }

    public TestProbe CreateProbe(string? name = null) => new(System, name);

    public IActorRef Spawn(Props props, string? name = null) => System.Spawn(props, name);

    public Task<ShutdownReport> ShutdownAsync() => System.TerminateAsync("test finished");

    public async ValueTask DisposeAsync() => await ShutdownAsync().ConfigureAwait(false);
}
