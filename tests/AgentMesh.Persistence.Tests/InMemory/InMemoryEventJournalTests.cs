using AgentMesh.Persistence.InMemory;

namespace AgentMesh.Persistence.Tests.InMemory;

public sealed class InMemoryEventJournalTests : EventJournalSpec
{
    protected override Task<StoreUnderTest> OpenAsync() =>
        Task.FromResult(new StoreUnderTest(new InMemoryEventJournal(), new InMemorySnapshotStore()));
}
