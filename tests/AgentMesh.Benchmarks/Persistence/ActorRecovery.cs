using System.Diagnostics;
using System.Text.Json.Serialization;
using AgentMesh.Actors;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// Recovery of many persistent actors at once: <see cref="Actors"/> actors with <see cref="EventsPerActor"/>
/// events each in a fresh store are all started together, and the time until every one of them has
/// delivered <see cref="RecoveryCompleted"/> is measured (target: under 2 s for 10,000 × 20). A wall
/// clock over one start-up is what the target speaks of, so this runs as its own command (each actor
/// looks for a snapshot in the same store first, as in a node, and finds none):
/// <c>dotnet run -c Release -- recovery</c>.
/// </summary>
public static class ActorRecovery
{
    public const int Actors = 10_000;
    public const int EventsPerActor = 20;

    private static readonly EventSerializer Serializer = new(new EventManifestRegistry()
        .Register("bench.counted.v1", RecoveryJsonContext.Default.Counted));

    public static async Task<TimeSpan> MeasureAsync(Backend backend)
    {
        await using var store = await BenchmarkStore.OpenAsync(backend);
        var prefix = BenchmarkEvents.NewPrefix("recovery");
        var now = DateTimeOffset.UtcNow;
        for (var actor = 0; actor < Actors; actor++)
        {
            var id = new PersistenceId($"{prefix}-{actor}");
            var entries = Enumerable.Range(1, EventsPerActor)
                .Select(seq => Serializer.ToJournalEntry(id, seq, new Counted(seq), now, "setup"))
                .ToArray();
            await store.Journal.AppendAsync(entries, CancellationToken.None);
        }

        await using var system = ActorSystem.Create("recovery");
        PersistenceExtension.Register(system, new PersistenceExtension(store.Journal, store.Snapshots, Serializer));
        var recovered = new CountdownSignal(Actors);
        var watch = Stopwatch.StartNew();
        for (var actor = 0; actor < Actors; actor++)
        {
            var id = $"{prefix}-{actor}";
            system.Spawn(Props.Create(() => new RecoveringActor(id, recovered)));
        }

        await recovered.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return watch.Elapsed;
    }

    public sealed record Counted(int Value);

    private sealed class RecoveringActor(string id, CountdownSignal recovered) : PersistentActor
    {
        private int _sum;

        public override PersistenceId PersistenceId => new(id);

        protected override void OnRecover(object message)
        {
            switch (message)
            {
                case Counted counted:
                    _sum += counted.Value;
                    break;
                case RecoveryCompleted when _sum == EventsPerActor * (EventsPerActor + 1) / 2:
                    recovered.Signal();
                    break;
                case RecoveryCompleted:
                    throw new InvalidOperationException($"{id} recovered a sum of {_sum}.");
            }
        }

        protected override void OnCommand(object message)
        {
        }
    }
}

[JsonSerializable(typeof(ActorRecovery.Counted))]
internal sealed partial class RecoveryJsonContext : JsonSerializerContext;
