using System.Collections.Concurrent;
using AgentMesh.Actors.Events;
using AgentMesh.Actors.Shutdown;
using AgentMesh.Actors.Supervision;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Actors;

/// <summary>
/// A named tree of actors: a root guardian with <c>/user</c> (everything <see cref="Spawn"/> starts)
/// and <c>/system</c> (kernel and infrastructure actors) below it, dead letters, an event stream,
/// one <see cref="TimeProvider"/> for everything time-based, and a coordinated shutdown.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ConcurrentDictionary<Type, ILogger> _loggers = new();
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _uid;
    private long _deadLetterCount;
    private long _deadLettersSinceReport;
    private int _temporaryRefs;
    private long _temporaryRefNames;

    private ActorSystem(string name, ActorSystemOptions options)
    {
        Name = name;
        Options = options;
        Address = new Address(name, options.Host, options.Port);
        Logger = options.LoggerFactory.CreateLogger("AgentMesh.Actors");
        EventStream = new EventStream();
        var rootPath = ActorPath.Root(Address);
        DeadLetters = new DeadLetterRef(this, rootPath.Child("deadLetters", 0));
        TemporaryPath = rootPath.Child("temp", 0);
        _root = new ActorCell(this, null, Props.Create(() => new GuardianActor(SupervisorStrategy.StoppingStrategy)), rootPath);
        _userGuardian = (ActorCell)_root.Spawn(Props.Create(() => new GuardianActor(SupervisorStrategy.Default)), "user");
        _systemGuardian = (ActorCell)_root.Spawn(Props.Create(() => new GuardianActor(SupervisorStrategy.Default)), "system");
        _root.Start();
        CoordinatedShutdown = new CoordinatedShutdown(this);
    }

    public string Name { get; }

    public Address Address { get; }

    public ActorSystemOptions Options { get; }

    public TimeProvider TimeProvider => Options.TimeProvider;

    public ILoggerFactory LoggerFactory => Options.LoggerFactory;

    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; telling it a message counts it as a dead letter.</summary>
    public IActorRef DeadLetters { get; }

    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when every actor, the root guardian last, has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Messages that went to dead letters since the system started.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    internal ILogger Logger { get; }

    internal ActorPath TemporaryPath { get; }

    internal ActorCell UserGuardian => _userGuardian;

    internal ActorCell SystemGuardian => _systemGuardian;

    internal ActorCell RootGuardian => _root;

    /// <summary>Ask promises not yet completed; 0 when every ask has been cleaned up.</summary>
    internal int TemporaryRefCount => Volatile.Read(ref _temporaryRefs);

    public static ActorSystem Create(string name, ActorSystemOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{name}': a system name may contain only ASCII letters, digits, '-', '_' and '.'.", nameof(name));
        }

        return new ActorSystem(name, options ?? ActorSystemOptions.Default);
    }

    /// <summary>Starts a top-level actor under <c>/user</c>. Safe to call from any thread.</summary>
    public IActorRef Spawn(Props props, string? name = null) => _userGuardian.Spawn(props, name);

    /// <summary>Starts an infrastructure actor under <c>/system</c>.</summary>
    public IActorRef SpawnSystemActor(Props props, string? name = null) => _systemGuardian.Spawn(props, name);

    /// <summary>Stops an actor after the message it is processing; its children stop first.</summary>
    public void Stop(IActorRef actor) => _userGuardian.Stop(actor);

    /// <summary>
    /// Registers a service shared by the actors of this system (the persistence stores, the cluster),
    /// looked up by type with <see cref="GetExtension{T}"/>. Registering a type twice throws.
    /// </summary>
    public void RegisterExtension<T>(T extension)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!_extensions.TryAdd(typeof(T), extension))
        {
            throw new InvalidOperationException($"An extension of type {typeof(T).Name} is already registered in {Name}.");
        }
    }

    /// <summary>The extension registered for <typeparamref name="T"/>, or null.</summary>
    public T? GetExtension<T>()
        where T : class => _extensions.TryGetValue(typeof(T), out var extension) ? (T)extension : null;

    /// <summary>Runs the coordinated shutdown (idempotent) and returns its report.</summary>
    public Task<ShutdownReport> TerminateAsync(string reason = "terminate requested") =>
        CoordinatedShutdown.RunAsync(reason);

    public async ValueTask DisposeAsync() => await TerminateAsync("disposed").ConfigureAwait(false);

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal ILogger LoggerFor(Type type) => _loggers.GetOrAdd(type, static (t, factory) => factory.CreateLogger(t), LoggerFactory);

    internal void DeadLetter(object message, IActorRef sender, IActorRef recipient)
    {
        var count = Interlocked.Increment(ref _deadLetterCount);
        if (count <= Options.DeadLetterLogLimit)
        {
            Log.DeadLetter(Logger, count, message.GetType().Name, sender.ToString() ?? "?", recipient.ToString() ?? "?");
        }
        else if (Interlocked.Increment(ref _deadLettersSinceReport) % 1000 == 0)
        {
            Log.DeadLettersSuppressed(Logger, Interlocked.Exchange(ref _deadLettersSinceReport, 0));
        }

        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void RootTerminated()
    {
        Log.SystemTerminated(Logger, Name);
        _terminated.TrySetResult();
    }

    internal ActorPath NextTemporaryPath()
    {
        Interlocked.Increment(ref _temporaryRefs);
        return TemporaryPath.Child("$" + Interlocked.Increment(ref _temporaryRefNames), 0);
    }

    internal void TemporaryRefReleased() => Interlocked.Decrement(ref _temporaryRefs);

    /// <summary>Paths of actors that have not stopped yet, deepest first.</summary>
    internal IReadOnlyList<string> LiveActorPaths()
    {
        var live = new List<string>();
        Collect(_root);
        live.Reverse();
        return live;

        void Collect(ActorCell cell)
        {
            if (cell.IsTerminated)
            {
                return;
            }

            live.Add(cell.Path.ToStringWithoutAddress());
            foreach (var child in cell.ChildCells())
            {
                Collect(child);
            }
        }
    }
}
