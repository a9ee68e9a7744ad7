using AgentMesh.Benchmarks.Kernel;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `dotnet run -c Release -- record` runs every suite and rewrites docs/benchmarks.md (tools/benchmarks.sh);
// `dotnet run -c Release -- memory` measures retained memory per idle actor (BenchmarkDotNet does
// not measure retention); `-- recovery` times 10,000 persistent actors recovering at once (a
// one-off wall-clock figure); `-- guard-profile [--allocations]` prints, per round of the guard path, where a
// message's time goes (CPU, collector pauses, allocation, thread-pool hops); `-- link [senders]
// [rounds] [spread] [--allocations]` times the agent link workloads with a stopwatch, for trends and profiling;
// anything else goes to BenchmarkDotNet's switcher, e.g. `dotnet run -c Release -- --filter *PingPong*`.
if (args is ["memory", ..])
{
    var (actor, channelLoop) = await IdleActorMemory.MeasureAsync();
    Console.WriteLine($"idle actor: {actor:F0} bytes retained per actor ({IdleActorMemory.Count:N0} idle children, full GC)");
    Console.WriteLine($"channel-plus-loop actor (baseline): {channelLoop:F0} bytes");
    Console.WriteLine($"ratio actor/baseline: {actor / channelLoop:F2}");
    return 0;
}

if (args is ["recovery", ..])
{
    foreach (var backend in new[] { AgentMesh.Benchmarks.Persistence.Backend.Sqlite, AgentMesh.Benchmarks.Persistence.Backend.PostgreSql })
    {
        var elapsed = await AgentMesh.Benchmarks.Persistence.ActorRecovery.MeasureAsync(backend);
        var events = AgentMesh.Benchmarks.Persistence.ActorRecovery.Actors * AgentMesh.Benchmarks.Persistence.ActorRecovery.EventsPerActor;
        Console.WriteLine($"{backend}: {AgentMesh.Benchmarks.Persistence.ActorRecovery.Actors:N0} actors × {AgentMesh.Benchmarks.Persistence.ActorRecovery.EventsPerActor} events recovered in {elapsed.TotalSeconds:F2} s ({events / elapsed.TotalSeconds:N0} events/s)");
    }

    return 0;
}

if (args is ["record", ..])
{
    return await AgentMesh.Benchmarks.Record.BenchmarkRecord.RunAsync(args[1..]);
}

if (args is ["guard-profile", ..])
{
    AgentMesh.Benchmarks.Orchestration.GuardPathProfile.Run(rounds: 30, allocations: args.Contains("--allocations"));
    return 0;
}

if (args is ["link", ..])
{
    AgentMesh.Benchmarks.Link.LinkThroughputRun.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5,
        spread: args.Contains("spread"),
        allocations: args.Contains("--allocations"));
    return 0;
}

// BenchmarkDotNet builds a project per run; on this shared 2-core machine that build alone can take
// longer than its default limit of 2 minutes, so the limit is 10.
BenchmarkSwitcher.FromAssembly(typeof(PingPongBenchmarks).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
