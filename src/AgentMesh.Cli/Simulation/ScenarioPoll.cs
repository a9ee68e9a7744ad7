namespace AgentMesh.Cli.Simulation;

/// <summary>
/// A polling agent: it is not pushed messages. Under AgentMesh the node checks in every
/// <see cref="Every"/> and nudges only on a newer message; under the bridge every tick is a model call.
/// </summary>
internal sealed record ScenarioPoll(string Agent, TimeSpan Every);
