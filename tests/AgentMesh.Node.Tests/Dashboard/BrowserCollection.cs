namespace AgentMesh.Node.Tests.Dashboard;

/// <summary>The tests that share one <see cref="BrowserFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
