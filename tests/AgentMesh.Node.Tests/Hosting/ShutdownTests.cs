using AgentMesh.Actors;
using AgentMesh.Actors.Shutdown;
using AgentMesh.Node.Hosting;
using AgentMesh.Node.Storage;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentMesh.Node.Tests.Hosting;

public sealed class ShutdownTests
{
    private static readonly PersistenceId Entity = new("test:shutdown");

    [Fact]
    public async Task StopAsync_RunsTheCoordinatedShutdown_StopsActorsWhileTheStoreIsOpen_ThenClosesTheStore()
    {
        var phaseRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storeOpenWhenActorStopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = await TestNode.StartAsync(services: services => services.AddActorSystemSetup((system, provider, _) =>
        {
            system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "test", _ =>
            {
                phaseRan.TrySetResult();
                return Task.CompletedTask;
            });
            var store = provider.GetRequiredService<NodeStore>();
            system.Spawn(Props.Create(() => new StopWatcher(() => storeOpenWhenActorStopped.TrySetResult(store.IsOpen))), "watcher");
            return Task.CompletedTask;
        }));
        var store = node.Service<NodeStore>();
        var system = node.Service<ActorSystem>();
        system.GetExtension<NodeStore>().Should().BeSameAs(store);
        await store.Journal.AppendAsync([new JournalEntry(Entity, 1, "test.entry.v1", new byte[] { 1 }, DateTimeOffset.UnixEpoch, "test")], CancellationToken.None)
            .WaitAsync(TestNode.Timeout);

        await node.StopAsync();

        phaseRan.Task.IsCompleted.Should().BeTrue();
        system.WhenTerminated.IsCompleted.Should().BeTrue();
        (await storeOpenWhenActorStopped.Task.WaitAsync(TestNode.Timeout)).Should().BeTrue();
        store.IsDisposed.Should().BeTrue();
        node.Console.ToString().Should().Contain("Actor system test-node shut down cleanly");
        await using var reopened = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = node.Directory.File("agentmesh.db") }, CancellationToken.None);
        (await reopened.Journal.ReadHighestSequenceNrAsync(Entity, CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task ActorSystemTerminatedFromInside_StopsTheHost()
    {
        await using var node = await TestNode.StartAsync();
        var stopped = node.Host.WaitForShutdownAsync(CancellationToken.None);

        var report = await node.Service<ActorSystem>().TerminateAsync("test").WaitAsync(TestNode.Timeout);

        report.Completed.Should().BeTrue(string.Join(", ", report.TimedOutPhases.Concat(report.FailedTasks)));
        await stopped.WaitAsync(TestNode.Timeout);
        node.Service<IHostApplicationLifetime>().ApplicationStopped.IsCancellationRequested.Should().BeTrue();
        node.Service<NodeStore>().IsDisposed.Should().BeTrue();
    }

    private sealed class StopWatcher(Action onStop) : Actor
    {
        protected override void OnReceive(object message) => Unhandled(message);

        protected override void PostStop() => onStop();
    }
}
