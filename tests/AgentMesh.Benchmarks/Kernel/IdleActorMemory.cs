using System.Threading.Channels;
using AgentMesh.Actors;

namespace AgentMesh.Benchmarks.Kernel;

/// <summary>
/// Retained memory per idle actor: 100,000 idle children after a full GC, as the
/// <c>GC.GetTotalMemory(true)</c> delta, against 100,000 bare channel-plus-loop actors (an unbounded
/// channel and a task awaiting it) measured the same way in the same process. BenchmarkDotNet measures
/// time and allocation, not retention, so this runs as its own command: <c>dotnet run -c Release -- memory</c>.
/// </summary>
public static class IdleActorMemory
{
    public const int Count = 100_000;

    public static async Task<(double ActorBytes, double ChannelLoopBytes)> MeasureAsync()
    {
        var channelLoop = await MeasureChannelLoopsAsync();
        var actor = await MeasureActorsAsync();
        return (actor, channelLoop);
    }

    private static async Task<double> MeasureActorsAsync()
    {
        await using var system = ActorSystem.Create("memory");
        var started = new CountdownSignal(Count);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var parent = system.Spawn(Props.Create(() => new Parent(started)));
        await started.Task;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(parent);
        return (after - before) / (double)Count;
    }

    private static async Task<double> MeasureChannelLoopsAsync()
    {
        var started = new CountdownSignal(Count);
        var before = GC.GetTotalMemory(forceFullCollection: true);
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
        var after = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var channel in channels)
        {
            channel.Writer.Complete();
        }

        await Task.WhenAll(loops);
        return (after - before) / (double)Count;
    }

    private sealed class Parent(CountdownSignal started) : Actor
    {
        protected override void PreStart()
        {
            var props = Props.Create(() => new Idle(started));
            for (var i = 0; i < Count; i++)
            {
                Context.Spawn(props);
            }
        }

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Idle(CountdownSignal started) : Actor
    {
        protected override void PreStart() => started.Signal();

        protected override void OnReceive(object message)
        {
        }
    }
}
