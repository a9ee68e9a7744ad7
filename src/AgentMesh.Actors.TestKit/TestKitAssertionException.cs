namespace AgentMesh.Actors.TestKit;

/// <summary>An expectation of the test kit did not hold.</summary>
public sealed class TestKitAssertionException(string message) : Exception(message);
