using AgentMesh.Actors;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Kernel;

/// <summary>
/// Telling an actor from outside the system (the path a WebSocket reader or an HTTP handler takes),
/// in waves of <see cref="Wave"/> messages of one preallocated message object, so the allocation
/// column shows what the kernel itself allocates per message in steady state.
/// </summary>
[MemoryDiagnoser]
public class TellBenchmarks
{
    public const int Wave = 1_000;
    public const int Waves = 100;

    private static readonly object Message = new();

    private ActorSystem? _system;
    private IActorRef? _counter;
    private Counter.Gate? _gate;

    [GlobalSetup]
    public void SetUp()
    {
        _system = ActorSystem.Create("tell");
        _gate = new Counter.Gate();
        _counter = _system.Spawn(Props.Create(() => new Counter(_gate)));
    }

    [GlobalCleanup]
    public void CleanUp() => _system!.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Wave * Waves)]
    public void TellFromOutside()
    {
        var gate = _gate!;
        for (var w = 0; w < Waves; w++)
        {
            gate.Arm(Wave);
            for (var i = 0; i < Wave; i++)
            {
                _counter!.Tell(Message);
            }

            gate.Wait();
        }
    }

    /// <summary>Counts messages; releases the gate when a wave has arrived. Waiting spins, so it allocates nothing.</summary>
    private sealed class Counter(Counter.Gate gate) : Actor
    {
        protected override void OnReceive(object message) => gate.Arrived();

        internal sealed class Gate
        {
            private int _remaining;

            public void Arm(int count) => Volatile.Write(ref _remaining, count);

            public void Arrived() => Interlocked.Decrement(ref _remaining);

            public void Wait()
            {
                var spinner = new SpinWait();
                while (Volatile.Read(ref _remaining) > 0)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
        }
    }
}
