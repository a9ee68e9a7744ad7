namespace AgentMesh.Actors;

/// <summary>The failure a <see cref="Kill"/> message causes.</summary>
public sealed class ActorKilledException(string message) : Exception(message);
