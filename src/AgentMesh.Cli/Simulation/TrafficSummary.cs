namespace AgentMesh.Cli.Simulation;

/// <summary>The replayed traffic: deliveries (copies included), copies, distinct messages, the agent runs new messages call for, link transitions and poll ticks.</summary>
internal sealed record TrafficSummary(long Sends, long Copies, long Messages, long NewMessageDeliveries, long LinkTransitions, long PollTicks);
