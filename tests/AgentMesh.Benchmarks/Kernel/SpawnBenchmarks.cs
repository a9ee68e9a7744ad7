using System.Threading.Channels;
using AgentMesh.Actors;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Kernel;

/// <summary>
/// Starting actors until every one has run its start hook, against starting the same number of
/// bare channel-plus-loop "actors" (a channel and a task awaiting it) in the same run.
/// </summary>
[MemoryDiagnoser]
public class SpawnBenchmarks
{
    public const int Count = 10_000;

    private ActorSystem? _system;

    [GlobalSetup(Target = nameof(SpawnActors))]
    public void SetUp() => _system = ActorSystem.Create("spawn");

    [GlobalCleanup(Target = nameof(SpawnActors))]
    public void CleanUp() => _system!.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public async Task SpawnChannelLoops()
    {
        var started = new CountdownSignal(Count);
        var channels = new Channel<object>[Count];
        var loops = new Task[Count];
        for (var i = 0; i < Count; i++)
        {
            var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            channels[i] = channel;
            loops[i] = Task.Run(async () =>
            {
                started.Signal();
                await foreach (var _ in channel.Reader.ReadAllAsync())
                {
                }
            });
        }

        await started.Task;
        foreach (var channel in channels)
        {
            channel.Writer.Complete();
        }

        await Task.WhenAll(loops);
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task SpawnActors()
    {
        var started = new CountdownSignal(Count);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = _system!.Spawn(Props.Create(() => new Parent(started, stopped)));
        await started.Task;
        _system.Stop(parent);
        await stopped.Task;
    }

    private sealed class Parent(CountdownSignal started, TaskCompletionSource stopped) : Actor
    {
        protected override void PreStart()
        {
            var props = Props.Create(() => new Child(started));
            for (var i = 0; i < Count; i++)
            {
                Context.Spawn(props);
            }
        }

        protected override void PostStop() => stopped.TrySetResult();

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Child(CountdownSignal started) : Actor
    {
        protected override void PreStart() => started.Signal();

        protected override void OnReceive(object message)
        {
        }
    }
}
