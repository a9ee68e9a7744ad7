namespace AgentMesh.Actors;

/// <summary>A child name is malformed or already taken by a live sibling.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);
