using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// Where the periodic check-in reads the highest waiting message id. By default an agent reads its
/// own inbox (in memory, never fails); a deployment whose inbox lives elsewhere (an external channel
/// watched by the node) plugs in a reader that can fail, and a failure degrades to bounded blind nudges.
/// </summary>
public interface IInboxHighWaterReader
{
    /// <summary>The highest message id waiting for <paramref name="agent"/>; <paramref name="localHighest"/> is what the actor's own inbox holds.</summary>
    Task<long> ReadHighestAsync(AgentId agent, long localHighest, CancellationToken cancellationToken);
}
