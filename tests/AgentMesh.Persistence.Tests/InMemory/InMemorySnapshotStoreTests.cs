using AgentMesh.Persistence.InMemory;

namespace AgentMesh.Persistence.Tests.InMemory;

public sealed class InMemorySnapshotStoreTests : SnapshotStoreSpec
{
    protected override Task<StoreUnderTest> OpenAsync() =>
        Task.FromResult(new StoreUnderTest(new InMemoryEventJournal(), new InMemorySnapshotStore()));
}
