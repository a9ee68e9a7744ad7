using AgentMesh.Benchmarks.Kernel;
using BenchmarkDotNet.Running;

// `dotnet run -c Release -- memory` measures retained memory per idle actor (BenchmarkDotNet does
// not measure retention); anything else goes to BenchmarkDotNet's switcher, e.g.
// `dotnet run -c Release -- --filter *PingPong*`.
if (args is ["memory", ..])
{
    var (actor, channelLoop) = await IdleActorMemory.MeasureAsync();
    Console.WriteLine($"idle actor: {actor:F0} bytes retained per actor ({IdleActorMemory.Count:N0} idle children, full GC)");
    Console.WriteLine($"channel-plus-loop actor (baseline): {channelLoop:F0} bytes");
    Console.WriteLine($"ratio actor/baseline: {actor / channelLoop:F2}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PingPongBenchmarks).Assembly).Run(args);
