using System.Threading.Channels;
using AgentMesh.Actors;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Kernel;

/// <summary>
/// Messages bounced between pairs of actors, against the same bouncing between pairs of tasks over
/// two unbounded single-reader channels (a new message object per hop in both). One operation is
/// <see cref="TotalMessages"/> hops split evenly over the pairs.
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    public const int TotalMessages = 2_000_000;

    private ActorSystem? _system;

    [Params(1, 4)]
    public int Pairs { get; set; }

    [GlobalSetup(Target = nameof(Actors))]
    public void SetUpActors() => _system = ActorSystem.Create("bench");

    [GlobalCleanup(Target = nameof(Actors))]
    public void CleanUpActors() => _system!.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = TotalMessages)]
    public async Task Channels()
    {
        var perPair = TotalMessages / Pairs;
        var pairs = new Task[Pairs];
        for (var p = 0; p < Pairs; p++)
        {
            pairs[p] = RunChannelPair(perPair);
        }

        await Task.WhenAll(pairs);
    }

    [Benchmark(OperationsPerInvoke = TotalMessages)]
    public async Task Actors()
    {
        var perPair = TotalMessages / Pairs;
        var done = new Task[Pairs];
        var actors = new List<IActorRef>();
        for (var p = 0; p < Pairs; p++)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ponger = _system!.Spawn(Props.Create(() => new Ponger()));
            var pinger = _system.Spawn(Props.Create(() => new Pinger(ponger, perPair, finished)));
            actors.Add(ponger);
            actors.Add(pinger);
            done[p] = finished.Task;
            pinger.Tell(new Ball(0));
        }

        await Task.WhenAll(done);
        foreach (var actor in actors)
        {
            _system!.Stop(actor);
        }
    }

    private static Task RunChannelPair(int messages)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var toPonger = Channel.CreateUnbounded<Ball>(options);
        var toPinger = Channel.CreateUnbounded<Ball>(options);
        var ponger = Task.Run(async () =>
        {
            await foreach (var ball in toPonger.Reader.ReadAllAsync())
            {
                toPinger.Writer.TryWrite(new Ball(ball.Hops + 1));
            }
        });
        var pinger = Task.Run(async () =>
        {
            toPonger.Writer.TryWrite(new Ball(0));
            await foreach (var ball in toPinger.Reader.ReadAllAsync())
            {
                if (ball.Hops + 1 >= messages)
                {
                    toPonger.Writer.Complete();
                    break;
                }

                toPonger.Writer.TryWrite(new Ball(ball.Hops + 1));
            }
        });
        return Task.WhenAll(pinger, ponger);
    }

    public sealed record Ball(int Hops);

    private sealed class Ponger : Actor
    {
        protected override void OnReceive(object message) =>
            Sender.Tell(new Ball(((Ball)message).Hops + 1), Self);
    }

    private sealed class Pinger(IActorRef ponger, int messages, TaskCompletionSource finished) : Actor
    {
        protected override void OnReceive(object message)
        {
            var ball = (Ball)message;
            if (ball.Hops + 1 >= messages)
            {
                finished.TrySetResult();
                return;
            }

            ponger.Tell(new Ball(ball.Hops + 1), Self);
        }
    }
}
