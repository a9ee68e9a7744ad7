namespace AgentMesh.Actors;

/// <summary>Marks messages that do not reset an actor's receive timeout (ticks, probes).</summary>
public interface INotInfluenceReceiveTimeout;
